import type { describePolicy, Figure } from './banding.js';
import type { SectionKey } from '../i18n/report-texts.js';
import type { DimensionKey } from '../i18n/report-dimension-texts.js';
import type { Language } from '../i18n/languages.js';

/** The shapes of a transparency report as data: what the service computes and documents render. */
export type ReportUnit = 'requests' | 'accounts' | 'systems' | 'hours' | 'percent' | 'days';

export interface ReportRow extends Figure {
  key: string;
  label: string;
  unit: ReportUnit;
}

export interface ReportSection {
  key: SectionKey | DimensionKey;
  title: string;
  explanation: string;
  rows: ReportRow[];
}

export interface TransparencyReport {
  kind: 'transparency_report';
  title: string;
  language: Language;
  period: { from: string; to: string; label: string };
  generatedAt: string;
  homeCountry: string;
  /** The unit the report is limited to (with the units below it); null: all cases. */
  unit: { id: string; name: string; path: string[] } | null;
  counts: ReturnType<typeof describePolicy> & {
    rule: string;
    /** Why the figures are published exact or as ranges: the board's words, or the standard reason. */
    reason: string;
  };
  /** Cases under a gag or embargo are left out, and their number is not published. */
  withheld: { numberPublished: false; note: string };
  sections: ReportSection[];
}

export interface DsaOrdersRow {
  section: string;
  sectionTitle: string;
  orderType: 'orders_to_act' | 'orders_to_provide_information';
  /** ISO 3166-1 alpha-2, or "ALL" for the total over the member states. */
  memberState: string;
  memberStateName: string;
  numberOfOrders: Figure;
  /** Orders to act: the targets they name (the specific items of information); null for orders to provide information. */
  numberOfItems: Figure | null;
  /** Hours, one decimal; null when no order of the cell has the time recorded, or too few to publish. */
  medianHoursToAcknowledge: number | null;
  medianHoursToGiveEffect: number | null;
}

export interface DsaOrdersReport {
  kind: 'dsa_member_state_orders';
  period: { from: string; to: string; label: string };
  /** The template's "Service": the organisation's name. */
  service: string;
  /** The template's "Reporting period": first and last day in the organisation's time zone, "YYYY-MM-DD/YYYY-MM-DD". */
  reportingPeriod: string;
  generatedAt: string;
  counts: ReturnType<typeof describePolicy>;
  /** How the counts were made publishable, in English (the template's language). */
  countsRule: string;
  rows: DsaOrdersRow[];
}
