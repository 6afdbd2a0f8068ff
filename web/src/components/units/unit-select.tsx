import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, must, type Schemas } from '../../api/client';

export type OrgUnit = Schemas['OrgUnitDto'];

/** The organisation's units, each with its path from the top ("Bundesverband › Landesverband NRW"). */
export function useUnits(enabled = true) {
  const units = useQuery({
    queryKey: ['units'],
    queryFn: () => must(api.GET('/units')),
    enabled,
  });
  const items = (units.data?.items ?? []) as OrgUnit[];
  const byId = new Map(items.map((u) => [u.id, u]));
  const path = (id: string) => {
    const names: string[] = [];
    const seen = new Set<string>();
    for (
      let u = byId.get(id);
      u && !seen.has(u.id);
      u = u.parentId ? byId.get(u.parentId) : undefined
    ) {
      seen.add(u.id);
      names.unshift(u.name);
    }
    return names;
  };
  const options = items
    .map((u) => ({ value: u.id, label: path(u.id).join(' › ') }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return { query: units, items, path, options };
}

/** Choose a unit by its path; clearable (no unit). */
export function UnitSelect({
  label,
  value,
  onChange,
  description,
  placeholder,
  w,
  exclude,
}: {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  description?: string;
  placeholder?: string;
  w?: number;
  /** Units that may not be chosen (a unit and those below it, as its own parent). */
  exclude?: Set<string>;
}) {
  const { options } = useUnits();
  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder}
      data={options.filter((o) => !exclude?.has(o.value))}
      value={value}
      onChange={onChange}
      clearable
      searchable
      w={w}
    />
  );
}
