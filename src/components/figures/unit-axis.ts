/** A LinePlot axis over [0, 1] with ticks every 0.2 shown to one decimal (a probability, a sigmoid, a loss). */
export function unitAxis(label: string) {
  return {
    min: 0,
    max: 1,
    ticks: [0, 0.2, 0.4, 0.6, 0.8, 1],
    label,
    format: (v: number) => v.toFixed(1),
  };
}
