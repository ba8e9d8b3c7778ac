// Lede's keyboard, for readers who live in it: j/k next and previous article, o open, s star,
// m read/unread, r refresh, g then h/u/s for home/unread/starred, ? the list of keys. Loaded with
// defer under the CSP (no inline script); every page works the same without it. Also: empty image frames go.
(() => {
  'use strict';
  const items = () => [...document.querySelectorAll('.reader-item, main .card')];
  let current = -1;
  let pendingG = 0;

  function select(i, focus = true) {
    const list = items();
    if (!list.length) return;
    current = Math.max(0, Math.min(i, list.length - 1));
    list.forEach((el, k) => el.classList.toggle('is-current', k === current));
    const el = list[current];
    el.scrollIntoView({ block: 'nearest' });
    const link = el.querySelector('h2 a, h3 a');
    if (focus && link) link.focus({ preventScroll: true });
  }

  // Coming back from a form post (#item-ID), go on from that article.
  if (location.hash.startsWith('#item-')) {
    const i = items().findIndex((el) => el.id === location.hash.slice(1));
    if (i >= 0) select(i);
  }
  // Tabbing or clicking into an article makes it the current one.
  document.addEventListener('focusin', (e) => {
    const i = items().findIndex((el) => el.contains(e.target));
    if (i >= 0 && i !== current) select(i, false);
  });

  function press(key) {
    const el = items()[current];
    const button = el && el.querySelector(`button[data-key="${key}"]`);
    if (button && button.form) button.form.requestSubmit(button);
  }

  const dialog = document.getElementById('keys-dialog');
  const help = () => { if (dialog && !dialog.open) dialog.showModal(); };
  for (const b of document.querySelectorAll('[data-keys-help]')) {
    b.hidden = false;
    b.addEventListener('click', help);
  }

  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t instanceof Element && t.closest('input, textarea, select, [contenteditable], dialog')) return;
    if (pendingG && Date.now() - pendingG < 1500) {
      pendingG = 0;
      const to = { h: '/', u: '/my', s: '/my?view=starred' }[e.key];
      if (to) { e.preventDefault(); location.assign(to); }
      return;
    }
    switch (e.key) {
      case 'j': e.preventDefault(); select(current + 1); break;
      case 'k': e.preventDefault(); select(current < 0 ? 0 : current - 1); break;
      case 'o': case 'Enter': {
        if (e.key === 'Enter' && t instanceof Element && t.closest('a, button')) return;
        const link = items()[current] && items()[current].querySelector('h2 a, h3 a');
        if (link) { e.preventDefault(); location.assign(link.href); }
        break;
      }
      case 's': e.preventDefault(); press('s'); break;
      case 'm': e.preventDefault(); press('m'); break;
      case 'r': e.preventDefault(); location.reload(); break;
      case 'g': pendingG = Date.now(); break;
      case '?': e.preventDefault(); help(); break;
      default: break;
    }
  });
})();

// An image the proxy could not get comes back as a transparent 1×1 placeholder (or fails to load): its
// empty grey frame goes, and the card closes up around the text. Without JavaScript the frame stays.
(() => {
  'use strict';
  const dropEmpty = (img) => {
    if (!(img instanceof HTMLImageElement) || !img.complete || img.naturalWidth > 1) return;
    const card = img.closest('.with-image');
    if (card) card.classList.remove('with-image');
    (img.closest('figure.lead-image') || img).remove();
  };
  document.addEventListener('load', (e) => dropEmpty(e.target), true);
  document.addEventListener('error', (e) => dropEmpty(e.target), true);
  for (const img of document.images) dropEmpty(img);
})();
