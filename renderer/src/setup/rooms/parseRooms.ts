/** «101–105, 201, 3а, Спортзал» → ['101','102','103','104','105','201','3а','Спортзал']. */
export function parseRoomList(text: string): { numbers: string[]; error?: string } {
  const out: string[] = [];
  for (const raw of text.split(/[,;\n]+/)) {
    const part = raw.trim();
    if (!part) continue;
    const m = /^(\d+)\s*[-–—]\s*(\d+)$/.exec(part);
    if (m) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (b < a) return { numbers: [], error: `Диапазон «${part}»: конец меньше начала` };
      if (b - a > 200) return { numbers: [], error: `Диапазон «${part}» слишком большой` };
      for (let n = a; n <= b; n++) out.push(String(n));
    } else out.push(part);
  }
  return { numbers: [...new Set(out)] };
}
