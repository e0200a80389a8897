/**
 * Building DOM without HTML strings: text is always a Text node or textContent, attributes go
 * through setAttribute. Nothing a customer or agent wrote can become markup.
 */
export type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Readonly<Record<string, AttrValue>>;
export type Child = Node | string | null | undefined | false;

export const setAttrs = (el: Element, attrs: Attrs): void => {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) el.removeAttribute(name);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
};

export const append = (parent: Node, children: readonly Child[]): void => {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
};

export const h = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
};

/** Replaces an element's children; strings become text nodes. */
export const replaceChildren = (el: Element, ...children: Child[]): void => {
  el.replaceChildren();
  append(el, children);
};

export const setText = (el: Element, text: string): void => {
  if (el.textContent !== text) el.textContent = text;
};
