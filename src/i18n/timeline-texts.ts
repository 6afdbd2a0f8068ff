import type { AutomaticEvent } from '../domain/automatic-events.js';
import { label } from './labels.js';
import type { Language } from './languages.js';

/** A timeline event as a document prints it. */
export interface TimelineEventText {
  description: string;
  automatic?: AutomaticEvent | null;
}

const QUOTE: Record<Language, (s: string) => string> = {
  en: (s) => `“${s}”`,
  de: (s) => `„${s}“`,
};

/**
 * The words of a timeline event in `language`: an event the service wrote itself is worded from
 * its kind and parameters; the board's own events are printed as written.
 */
export function timelineText(event: TimelineEventText, language: Language): string {
  const auto = event.automatic;
  if (!auto) return event.description;
  const q = QUOTE[language];
  switch (auto.kind) {
    case 'request_received': {
      const channel = auto.channel ? label('channel', auto.channel, language) : '';
      if (language === 'de')
        return channel ? `Anfrage ${channel} eingegangen.` : 'Anfrage eingegangen.';
      return channel ? `Request received ${channel}.` : 'Request received.';
    }
    case 'status_changed': {
      const from = q(label('status', auto.from, language));
      const to = q(label('status', auto.to, language));
      const head =
        language === 'de'
          ? `Stand geändert von ${from} zu ${to}`
          : `Status changed from ${from} to ${to}`;
      return auto.note ? `${head}: ${auto.note}` : `${head}.`;
    }
  }
}
