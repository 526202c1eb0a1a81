// The `commonmark-spec` package (the CommonMark spec's examples) ships no types.
declare module 'commonmark-spec' {
  export const tests: { markdown: string; html: string; section: string; number: number }[];
}
