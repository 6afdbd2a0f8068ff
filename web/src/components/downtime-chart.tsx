import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CaseFile } from '../case-file';
import { formatMinutes } from '../format';

/** Downtime per system and the merged total (overlaps counted once), as the API computes it. */
export default function DowntimeChart({ downtime }: { downtime: CaseFile['impact']['downtime'] }) {
  const { t } = useTranslation();
  const data = [
    ...downtime.systems.map((s) => ({
      name: s.name ?? s.inventoryItemId.slice(0, 8),
      minutes: s.minutes,
    })),
    { name: t('caseFile.chartTotal'), minutes: downtime.totalMinutes },
  ];
  return (
    <figure style={{ margin: 0 }}>
      <figcaption className="visually-hidden">{t('caseFile.chart')}</figcaption>
      <ResponsiveContainer width="100%" height={48 * data.length + 40}>
        <BarChart data={data} layout="vertical" margin={{ left: 24, right: 24 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" unit=" min" />
          <YAxis type="category" dataKey="name" width={160} />
          <Tooltip formatter={(value) => formatMinutes(Number(value))} />
          <Bar dataKey="minutes" name={t('caseFile.minutes')} fill="#4c6ef5" />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
