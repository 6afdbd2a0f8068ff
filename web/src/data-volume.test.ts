import { describe, expect, it } from 'vitest';
import { formatDataVolume, parseDataVolume } from './data-volume';

describe('data volume', () => {
  it('reads what the seed texts say', () => {
    expect(parseDataVolume('5 TB')).toBe(5_000_000_000_000);
    expect(parseDataVolume('269GB')).toBe(269_000_000_000);
    expect(parseDataVolume('1,5 gb')).toBe(1_500_000_000);
    expect(parseDataVolume('1.5 GB')).toBe(1_500_000_000);
    expect(parseDataVolume('512')).toBe(512);
  });
  it('keeps an empty field empty and refuses what is no volume', () => {
    expect(parseDataVolume('  ')).toBeNull();
    expect(parseDataVolume('five TB')).toBeNaN();
    expect(parseDataVolume('5 TiB')).toBeNaN();
  });
  it('prints it back in each language', () => {
    const plain = (s: string) => s.replace(/\s/g, ' ');
    expect(plain(formatDataVolume(5_000_000_000_000, 'en'))).toBe('5 TB');
    expect(plain(formatDataVolume(1_500_000_000, 'de'))).toBe('1,5 GB');
    expect(formatDataVolume(null, 'de')).toBe('–');
  });
});
