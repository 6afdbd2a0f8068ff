import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Schemas } from '../api/client';
import { formatNumber } from '../format';

type Section = Schemas['ReportSectionDto'];

/** One report section as horizontal bars (exact figures only; banded ones stay in the table). */
export default function ReportChart({ section }: { section: Section }) {
  const data = section.rows
    .filter((r) => typeof r.value === 'number')
    .map((r) => ({ name: r.label, value: r.value as number }));
  if (data.length === 0) return null;
  // Recharts wraps labels at spaces only: the axis must hold the longest word
  // ("Telekommunikationsüberwachung") whole, at about 7 px per character at 12 px.
  const longestWord = Math.max(...data.flatMap((d) => d.name.split(/\s+/).map((w) => w.length)));
  const axisWidth = Math.min(240, Math.max(120, Math.ceil(longestWord * 7.2) + 16));
  return (
    <figure style={{ margin: 0 }} aria-hidden>
      <ResponsiveContainer width="100%" height={34 * data.length + 40}>
        <BarChart
          data={data}
          layout="vertical"
          margin={{ left: 8, right: 24 }}
          // The table below says the same to a screen reader; the chart is not a tab stop.
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            allowDecimals={false}
            tickFormatter={(v) => formatNumber(Number(v))}
          />
          <YAxis type="category" dataKey="name" width={axisWidth} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => formatNumber(Number(value), 1)} />
          <Bar dataKey="value" fill="#3b5bdb" />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
