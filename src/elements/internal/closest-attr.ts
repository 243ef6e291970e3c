/** The closest element (across shadow roots) carrying `name`, from `el` up. */
export function closestWithAttr(el: Element, name: string): Element | null {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element && node.hasAttribute(name)) return node;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return null;
}

/** Reduced motion: the user's setting, or `data-reduced-motion` on an ancestor (Storybook, a CRM's own switch). */
export function prefersReducedMotion(el: Element): boolean {
  const media = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  const marked = closestWithAttr(el, 'data-reduced-motion');
  return media || (marked !== null && marked.getAttribute('data-reduced-motion') !== 'false');
}
