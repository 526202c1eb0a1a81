import { missingImageMessage, siteImages } from '../../issue/site-images.js';
import type { FileRule } from '../types.js';
import { siteFilePaths } from '../site-files.js';

/**
 * An image of the site's own (`img/chart.png`, `/img/chart.png`, or an
 * `https://` URL under `baseUrl`) is a file of `staticDir`, which the build
 * copies into the site at its path (`static/img/chart.png` →
 * `img/chart.png`): one that is not there is a broken image on the page, in
 * the feeds and in every subscriber's email. Said at the image, with the
 * file looked for and, when one is near, the file likely meant: the same
 * path in another case (a site's host tells `Chart.PNG` from `chart.png`,
 * though a Mac's disk does not), the path without the folder's own name
 * (`static/img/chart.png`), another extension (`chart.jpg`), or a path a
 * typo or two away (issue/site-images.ts). An image of another host is not
 * looked for (the archive links to it: archive/remote-images.ts), nor one
 * under `assets/`, the build's own files. `build` says the same of the
 * issues it publishes.
 *
 * ok:     `![A chart](img/chart.png)` with `static/img/chart.png`; `![A chart](https://example.org/chart.png)`
 * not ok: `![A chart](img/Chart.png)` with `static/img/chart.png` → Unexpected image `img/Chart.png`: `static/img/Chart.png` does not exist, so the image is broken in the email and on the page; expected `img/chart.png` (`static/img/chart.png`)
 */
const rule: FileRule = {
  id: 'image-file-missing',
  severity: 'error',
  scope: 'file',
  // A sent issue's page and emails show the image broken still: said of it too.
  sent: 'report',
  doc: 'An image under baseUrl (`img/chart.png`, `/img/chart.png`) is a file of staticDir (`static/img/chart.png`), else it is broken in the email and on the page; names the file likely meant',
  inputs: { config: ['baseUrl'], siteFiles: true },
  check({ issue, config, report, nodePosition }) {
    const images = siteImages(issue, config.baseUrl);
    // Listed only for a file that shows an image of the site's: most issues have none.
    const files = images.length === 0 ? undefined : siteFilePaths(config);
    if (files === undefined) return;
    for (const image of images) {
      if (!files.has(image.path)) report({ message: missingImageMessage(image, files, config), position: nodePosition(image.text, image.node) });
    }
  },
};
export default rule;
