/**
 * Element descriptions as plain data. The host profile describes host markup with them, so
 * its output can be unit-tested without a DOM; `renderMarkup` turns them into elements
 * without ever parsing HTML (user text cannot become markup).
 */
export interface MarkupNode {
  tag: string;
  attrs: Record<string, string>;
  children: (MarkupNode | string)[];
}

/** @example h('li', { class: 'tag' }, h('span', {}, 'beach')) */
export function h(tag: string, attrs: Record<string, string> = {}, ...children: (MarkupNode | string)[]): MarkupNode {
  return { tag, attrs, children };
}

export function renderMarkup(node: MarkupNode, doc: Document = document): HTMLElement {
  const element = doc.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) element.setAttribute(name, value);
  for (const child of node.children) {
    element.append(typeof child === 'string' ? child : renderMarkup(child, doc));
  }
  return element;
}
