// Parallels (grades 1–11) as written in the office's documents; plain code shared by the core and the renderer.

/** Grades as ranges: [1,2,3,5] → «1–3, 5»; [5,6,7,8,9] → «5–9». */
export function gradeRanges(grades: readonly number[]): string {
  const sorted = [...new Set(grades)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}
