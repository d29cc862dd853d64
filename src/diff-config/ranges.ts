/** Sorted, disjoint [start, end) ranges of a text: comments, tags, CDATA. */
/** Whether offset lies in one of the sorted, disjoint ranges. */
export function inRanges(ranges: Array<[number, number]>, offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = ranges[mid] as [number, number];
    if (offset < s) hi = mid - 1;
    else if (offset >= e) lo = mid + 1;
    else return true;
  }
  return false;
}
