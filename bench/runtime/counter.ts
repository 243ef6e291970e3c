/** Render counts by element name, for both implementations (the Lit side counts `update()` calls). */
export const renders = new Map<string, number>();
export let totalRenders = 0;

export function countRender(name: string): void {
  renders.set(name, (renders.get(name) ?? 0) + 1);
  totalRenders += 1;
}

export function resetRenders(): void {
  renders.clear();
  totalRenders = 0;
}
