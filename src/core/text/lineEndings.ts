const LF = 0x0a;
const CR = 0x0d;

/**
 * True when the first bytes of a file end lines with CR alone (classic Mac OS): there is a CR and no LF. JSONL
 * readers split at LF, so such a file reads as one long line.
 */
export function usesCrOnlyLineEndings(head: Uint8Array): boolean {
  return head.indexOf(LF) === -1 && head.indexOf(CR) !== -1;
}
