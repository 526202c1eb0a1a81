import type { PagePlan } from '../archive/pages.js';
import { renderPage } from '../archive/pages.js';
import type { Config } from '../config/load.js';
import type { TemplateSet } from '../render/templates.js';

/** A page the server answers with: the archive's layout around `web/message.html`. */
export interface MessagePage {
  /** Also the page's title. */
  heading: string;
  paragraphs: string[];
  /** One button that POSTs these fields to `action` (relative to the page). */
  form?: { action: string; fields: { name: string; value: string }[]; button: string };
  /** Link back to the archive's home page. */
  home?: boolean;
}

/**
 * The HTML of a server page. Its path is one segment under the site root
 * (`unsubscribe`), so the layout's links (`./assets/archive.css`) resolve
 * from the endpoint's URL as from a page of the archive.
 */
export function messagePage(templates: TemplateSet, config: Config, endpoint: string, page: MessagePage): string {
  const plan: PagePlan = { path: endpoint, template: 'web/message.html', title: `${page.heading} · ${config.name}`, script: undefined, view: { ...page } };
  return renderPage(templates, config, plan);
}
