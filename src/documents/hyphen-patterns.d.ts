/** The `hyphen` package (Liang's patterns of TeX) ships no types; only what we use. */
interface Hyphenator {
  hyphenateSync(text: string, options?: { hyphenChar?: string }): string;
}
declare module 'hyphen/de/index.js' {
  const hyphenator: Hyphenator;
  export default hyphenator;
}
declare module 'hyphen/en-gb/index.js' {
  const hyphenator: Hyphenator;
  export default hyphenator;
}
