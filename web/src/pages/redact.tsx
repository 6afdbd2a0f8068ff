import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, must, type Problem, type Schemas } from '../api/client';
import { ErrorAlert, Loading, QueryFailure } from '../components/status';
import { formatNumber } from '../format';

type Preset = NonNullable<Schemas['CreateRedactedCopyDto']['presets']>[number];
const PRESETS: Preset[] = ['email', 'phone'];

/** A rectangle as the API takes it: page from 1, position and size in PDF points. */
interface Rect {
  key: number;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface ShownPage {
  url: string;
  count: number;
  /** Page size in points. */
  width: number;
  height: number;
}

const round = (n: number) => Math.round(n * 10) / 10;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** One page of a file as a picture, with the page count and its size in points. */
function usePage(caseId: string, fileId: string, version: number | undefined, page: number) {
  const query = useQuery({
    queryKey: ['case', caseId, 'files', fileId, 'page', version, page],
    enabled: version !== undefined,
    // The picture lives as a blob: URL, revoked when it is no longer shown; so is its cache entry.
    staleTime: Infinity,
    gcTime: 0,
    queryFn: async (): Promise<ShownPage> => {
      const { data, error, response } = await api.GET(
        '/cases/{caseId}/files/{fileId}/pages/{page}',
        { params: { path: { caseId, fileId, page }, query: { version } }, parseAs: 'blob' },
      );
      if (!response.ok || !data) throw new ApiError(response.status, (error ?? {}) as Problem);
      const header = (name: string) => Number(response.headers.get(name));
      return {
        url: URL.createObjectURL(data as Blob),
        count: header('x-page-count'),
        width: header('x-page-width'),
        height: header('x-page-height'),
      };
    },
  });
  const url = query.data?.url;
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return query;
}

/**
 * The redaction screen (board): the pages of a PDF or image file as pictures, rectangles drawn on
 * them with the mouse or entered as numbers, text rules (presets and regular expressions), a
 * preview of the blacked-out areas, and the redacted copy made by the API.
 */
export default function RedactPage() {
  const { id = '', fileId = '' } = useParams();
  const { t } = useTranslation();
  const client = useQueryClient();
  const file = useQuery({
    queryKey: ['case', id, 'files', fileId],
    queryFn: () =>
      must(api.GET('/cases/{caseId}/files/{fileId}', { params: { path: { caseId: id, fileId } } })),
  });
  const latest = file.data?.versions[file.data.versions.length - 1];
  const [pageNo, setPageNo] = useState(1);
  const page = usePage(id, fileId, latest?.version, pageNo);
  const [rects, setRects] = useState<Rect[]>([]);
  const nextKey = useRef(1);
  const [presets, setPresets] = useState<Preset[]>([]);
  const [patterns, setPatterns] = useState<string[]>([]);
  const [pattern, setPattern] = useState('');
  const [patternError, setPatternError] = useState<string | null>(null);
  const [preview, setPreview] = useState(false);

  const addRect = (r: Omit<Rect, 'key'>) =>
    setRects((all) => [...all, { ...r, key: nextKey.current++ }]);
  const updateRect = (key: number, change: Partial<Rect>) =>
    setRects((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const create = useMutation({
    mutationFn: () =>
      must(
        api.POST('/cases/{caseId}/files/{fileId}/redacted-copies', {
          params: { path: { caseId: id, fileId } },
          body: {
            version: latest?.version,
            rectangles: rects.map(({ page: p, x, y, width, height }) => ({
              page: p,
              x,
              y,
              width,
              height,
            })),
            presets,
            patterns,
          },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['case', id, 'files'] }),
  });

  if (file.isPending) return <Loading />;
  if (file.isError) return <QueryFailure error={file.error} />;
  const name = latest?.originalName ?? '';
  const shown = page.data;
  const count = shown?.count ?? 1;
  const nothing = rects.length === 0 && presets.length === 0 && patterns.length === 0;
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};

  const addPattern = () => {
    const p = pattern.trim();
    if (!p) return;
    try {
      new RegExp(p, 'u');
    } catch {
      setPatternError(t('redact.badPattern'));
      return;
    }
    setPatterns((all) => (all.includes(p) ? all : [...all, p]));
    setPattern('');
    setPatternError(null);
  };

  return (
    <Stack>
      <Anchor component={Link} to={`/cases/${id}`} size="sm" w="fit-content">
        {t('redact.back')}
      </Anchor>
      <Title order={1}>{t('redact.title', { name })}</Title>
      <Text size="sm">{t('redact.intro')}</Text>
      {create.isSuccess ? (
        <Alert color="green" role="status" title={t('redact.created')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {t('redact.createdText', { name: create.data.versions[0]?.originalName ?? '' })}
            </Text>
            <Group>
              <Button component={Link} to={`/cases/${id}`} variant="light">
                {t('redact.toFiles')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  create.reset();
                  setRects([]);
                  setPresets([]);
                  setPatterns([]);
                }}
              >
                {t('redact.another')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="xs">
            <Group justify="space-between">
              <Group gap="xs">
                <Button
                  variant="default"
                  size="xs"
                  disabled={pageNo <= 1}
                  onClick={() => setPageNo((n) => n - 1)}
                >
                  {t('redact.previousPage')}
                </Button>
                <Button
                  variant="default"
                  size="xs"
                  disabled={pageNo >= count}
                  onClick={() => setPageNo((n) => n + 1)}
                >
                  {t('redact.nextPage')}
                </Button>
              </Group>
              <Text size="sm" aria-live="polite">
                {t('redact.pageOf', { page: pageNo, count })}
              </Text>
            </Group>
            <Switch
              label={t('redact.preview')}
              description={t('redact.previewHint')}
              checked={preview}
              onChange={(e) => setPreview(e.currentTarget.checked)}
            />
            {page.isPending ? (
              <Loading />
            ) : page.isError ? (
              <ErrorAlert error={page.error} />
            ) : (
              <DrawingSurface
                shown={page.data}
                alt={t('redact.pageImage', { page: pageNo, count, name })}
                rects={rects.filter((r) => r.page === pageNo)}
                numberOf={(r) => rects.indexOf(r) + 1}
                preview={preview}
                onDraw={(r) => addRect({ page: pageNo, ...r })}
              />
            )}
            <Text size="xs" c="dimmed">
              {t('redact.drawHint')}
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!nothing) create.mutate();
            }}
          >
            <Stack>
              <Box component="section" aria-labelledby="redact-boxes">
                <Title order={2} size="h4" id="redact-boxes">
                  {t('redact.boxes')}
                </Title>
                <Text size="xs" c="dimmed" mb="xs">
                  {shown
                    ? t('redact.unitHint', {
                        width: formatNumber(round(shown.width)),
                        height: formatNumber(round(shown.height)),
                      })
                    : null}
                </Text>
                {rects.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('redact.noBoxes')}
                  </Text>
                ) : (
                  <Stack gap="xs" component="ol" className="redact-boxes">
                    {rects.map((r, i) => (
                      <RectRow
                        key={r.key}
                        n={i + 1}
                        rect={r}
                        count={count}
                        errors={fieldErrors}
                        onChange={(c) => updateRect(r.key, c)}
                        onRemove={() => setRects((all) => all.filter((o) => o.key !== r.key))}
                      />
                    ))}
                  </Stack>
                )}
                <Button
                  mt="xs"
                  size="xs"
                  variant="default"
                  onClick={() => {
                    const w = shown?.width ?? 595;
                    const h = shown?.height ?? 842;
                    addRect({
                      page: pageNo,
                      x: round(w * 0.1),
                      y: round(h * 0.1),
                      width: round(w * 0.3),
                      height: round(Math.min(24, h * 0.1)),
                    });
                  }}
                >
                  {t('redact.addBox', { page: pageNo })}
                </Button>
              </Box>
              <Checkbox.Group
                label={t('redact.presets')}
                description={t('redact.presetsHint')}
                value={presets}
                onChange={(v) => setPresets(v as Preset[])}
              >
                <Stack gap={6} mt="xs">
                  {PRESETS.map((p) => (
                    <Checkbox key={p} value={p} label={t(`redact.preset.${p}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Box component="section" aria-labelledby="redact-patterns">
                <Title order={2} size="h4" id="redact-patterns">
                  {t('redact.patterns')}
                </Title>
                <Group align="end" gap="xs" mt={4}>
                  <TextInput
                    label={t('redact.pattern')}
                    description={t('redact.patternHint')}
                    value={pattern}
                    error={patternError ?? undefined}
                    onChange={(e) => setPattern(e.currentTarget.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        addPattern();
                      }
                    }}
                    style={{ flex: 1 }}
                    maxLength={200}
                  />
                  <Button variant="default" onClick={addPattern} disabled={patterns.length >= 20}>
                    {t('redact.addPattern')}
                  </Button>
                </Group>
                {patterns.length > 0 && (
                  <Stack gap={4} mt="xs" component="ul" style={{ listStyle: 'none', padding: 0 }}>
                    {patterns.map((p, i) => (
                      <Group component="li" key={p} gap="xs" wrap="nowrap">
                        <Badge variant="outline" tt="none" style={{ overflowWrap: 'anywhere' }}>
                          {p}
                        </Badge>
                        {fieldErrors[`patterns[${i}]`] && (
                          <Text size="xs" c="red">
                            {fieldErrors[`patterns[${i}]`]}
                          </Text>
                        )}
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          aria-label={t('redact.removePattern', { pattern: p })}
                          onClick={() => setPatterns((all) => all.filter((o) => o !== p))}
                        >
                          {t('redact.remove')}
                        </Button>
                      </Group>
                    ))}
                  </Stack>
                )}
              </Box>
              <ErrorAlert error={create.error} />
              <Text size="xs" c="dimmed">
                {t('redact.createHint')}
              </Text>
              <Button type="submit" disabled={nothing} loading={create.isPending} w="fit-content">
                {t('redact.create')}
              </Button>
            </Stack>
          </form>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** One box as numbers: every field labelled with the box's number, for the keyboard. */
function RectRow({
  n,
  rect,
  count,
  errors,
  onChange,
  onRemove,
}: {
  n: number;
  rect: Rect;
  count: number;
  errors: Record<string, string>;
  onChange: (change: Partial<Rect>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const field = (key: 'page' | 'x' | 'y' | 'width' | 'height', label: string) => (
    <NumberInput
      size="xs"
      label={label}
      aria-label={t('redact.boxField', { n, field: label })}
      value={rect[key]}
      min={key === 'page' || key === 'width' || key === 'height' ? 1 : 0}
      max={key === 'page' ? count : 14_400}
      decimalScale={key === 'page' ? 0 : 1}
      allowNegative={false}
      hideControls
      error={errors[`rectangles[${n - 1}].${key}`] ? true : undefined}
      onChange={(v) => typeof v === 'number' && onChange({ [key]: v })}
      // Enter in a number does not make the copy: that takes the button.
      onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
    />
  );
  return (
    <Paper component="li" withBorder p="xs">
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={600}>
          {t('redact.box', { n })}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          aria-label={t('redact.removeBox', { n })}
          onClick={onRemove}
        >
          {t('redact.remove')}
        </Button>
      </Group>
      <SimpleGrid cols={5} spacing="xs">
        {field('page', t('redact.page'))}
        {field('x', 'x')}
        {field('y', 'y')}
        {field('width', t('redact.width'))}
        {field('height', t('redact.height'))}
      </SimpleGrid>
    </Paper>
  );
}

/**
 * The page with its boxes; a box is drawn by pressing the mouse button and dragging. Positions
 * are turned from screen pixels into the page's points, whatever size the picture is shown at.
 */
function DrawingSurface({
  shown,
  alt,
  rects,
  numberOf,
  preview,
  onDraw,
}: {
  shown: ShownPage;
  alt: string;
  rects: Rect[];
  numberOf: (r: Rect) => number;
  preview: boolean;
  onDraw: (r: Omit<Rect, 'key' | 'page'>) => void;
}) {
  const surface = useRef<HTMLDivElement>(null);
  const [start, setStart] = useState<{ x: number; y: number } | null>(null);
  const [end, setEnd] = useState<{ x: number; y: number } | null>(null);
  const toPoints = (e: ReactPointerEvent) => {
    const box = surface.current!.getBoundingClientRect();
    return {
      x: clamp(((e.clientX - box.left) / box.width) * shown.width, 0, shown.width),
      y: clamp(((e.clientY - box.top) / box.height) * shown.height, 0, shown.height),
    };
  };
  const drawn =
    start && end
      ? {
          x: round(Math.min(start.x, end.x)),
          y: round(Math.min(start.y, end.y)),
          width: round(Math.abs(end.x - start.x)),
          height: round(Math.abs(end.y - start.y)),
        }
      : null;
  const pct = (v: number, of: number) => `${(v / of) * 100}%`;
  const place = (r: { x: number; y: number; width: number; height: number }) => ({
    left: pct(r.x, shown.width),
    top: pct(r.y, shown.height),
    width: pct(r.width, shown.width),
    height: pct(r.height, shown.height),
  });
  return (
    <div
      ref={surface}
      className="redact-surface"
      data-testid="redact-surface"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        const p = toPoints(e);
        setStart(p);
        setEnd(p);
      }}
      onPointerMove={(e) => start && setEnd(toPoints(e))}
      onPointerUp={() => {
        if (drawn && drawn.width >= 2 && drawn.height >= 2) onDraw(drawn);
        setStart(null);
        setEnd(null);
      }}
      onPointerCancel={() => {
        setStart(null);
        setEnd(null);
      }}
    >
      <img src={shown.url} alt={alt} draggable={false} />
      {rects.map((r) => (
        <div
          key={r.key}
          aria-hidden
          className={preview ? 'redact-box redact-box-preview' : 'redact-box'}
          style={place(r)}
        >
          {preview ? null : numberOf(r)}
        </div>
      ))}
      {drawn && <div aria-hidden className="redact-box redact-box-drawing" style={place(drawn)} />}
    </div>
  );
}
