import type { PointFigures } from "./big-account.js";

/**
 * A small hand-written SVG of doctor's scaling: time (left) and peak RSS (right) against the number of
 * keys, on log-log axes, for the first run, the repeated run and the quota-bound lower bound.
 */
export function scalingSvg(points: PointFigures[]): string {
  const W = 360;
  const H = 240;
  const pad = { l: 52, r: 12, t: 28, b: 40 };
  const panel = (
    x0: number,
    title: string,
    unit: string,
    series: { name: string; color: string; dash?: string; values: number[] }[],
  ) => {
    const keys = points.map((p) => p.keys);
    const all = series.flatMap((s) => s.values).filter((v) => v > 0);
    const [xmin, xmax] = [Math.min(...keys), Math.max(...keys)];
    const [ymin, ymax] = [Math.min(...all) / 1.5, Math.max(...all) * 1.5];
    const lx = (v: number) =>
      x0 +
      pad.l +
      ((Math.log10(v) - Math.log10(xmin)) / (Math.log10(xmax) - Math.log10(xmin) || 1)) * (W - pad.l - pad.r);
    const ly = (v: number) =>
      pad.t +
      (1 - (Math.log10(v) - Math.log10(ymin)) / (Math.log10(ymax) - Math.log10(ymin) || 1)) *
        (H - pad.t - pad.b);
    const out: string[] = [];
    out.push(`<text x="${x0 + W / 2}" y="16" text-anchor="middle" font-weight="bold">${title}</text>`);
    out.push(
      `<line x1="${x0 + pad.l}" y1="${H - pad.b}" x2="${x0 + W - pad.r}" y2="${H - pad.b}" stroke="#333"/>`,
      `<line x1="${x0 + pad.l}" y1="${pad.t}" x2="${x0 + pad.l}" y2="${H - pad.b}" stroke="#333"/>`,
    );
    for (const k of keys) {
      out.push(
        `<text x="${lx(k)}" y="${H - pad.b + 14}" text-anchor="middle">${k >= 1000 ? `${k / 1000}k` : k}</text>`,
      );
    }
    out.push(`<text x="${x0 + W / 2}" y="${H - 6}" text-anchor="middle">keys</text>`);
    for (let e = Math.ceil(Math.log10(ymin)); e <= Math.floor(Math.log10(ymax)); e++) {
      const v = 10 ** e;
      out.push(
        `<line x1="${x0 + pad.l - 3}" y1="${ly(v)}" x2="${x0 + W - pad.r}" y2="${ly(v)}" stroke="#ddd"/>`,
        `<text x="${x0 + pad.l - 6}" y="${ly(v) + 4}" text-anchor="end">${v}${unit}</text>`,
      );
    }
    series.forEach((s, i) => {
      const pts = s.values.map((v, j) => `${lx(keys[j]!).toFixed(1)},${ly(Math.max(v, ymin)).toFixed(1)}`);
      out.push(
        `<polyline points="${pts.join(" ")}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
        ...pts.map(
          (p) => `<circle cx="${p.split(",")[0]}" cy="${p.split(",")[1]}" r="3" fill="${s.color}"/>`,
        ),
        `<text x="${x0 + pad.l + 8}" y="${pad.t + 12 + i * 14}" fill="${s.color}">${s.name}</text>`,
      );
    });
    return out.join("\n");
  };
  const time = panel(0, "doctor time", "s", [
    { name: "first run", color: "#c0392b", values: points.map((p) => p.first.ms / 1000) },
    { name: "repeated (cache)", color: "#2874a6", values: points.map((p) => p.repeat.ms / 1000) },
    {
      name: "quota-bound lower bound",
      color: "#777",
      dash: "4 3",
      values: points.map((p) => p.boundMs / 1000),
    },
  ]);
  const rss = panel(W, "peak RSS (whole process)", "MB", [
    { name: "first run", color: "#c0392b", values: points.map((p) => p.first.peakRssMb) },
    { name: "repeated (cache)", color: "#2874a6", values: points.map((p) => p.repeat.peakRssMb) },
    {
      name: "before reading (process baseline)",
      color: "#777",
      dash: "4 3",
      values: points.map((p) => p.first.worldRssMb),
    },
  ]);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
${time}
${rss}
</svg>
`;
}
