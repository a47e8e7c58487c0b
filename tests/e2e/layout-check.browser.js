// The layout checker of tests/e2e/layout.spec.ts, evaluated in the page as it is (plain JS: no
// bundler helpers, no Node). Returns one line per problem, naming the element:
//   - the document, or a scroll container, scrolls sideways (unless it is marked data-scroll-x,
//     e.g. a grid with a column per class);
//   - a container hides content below the fold without a visible scrollbar (Mantine's ScrollArea
//     draws its own bar: it must be shown while the content overflows);
//   - text is cut or ellipsized without a tooltip (a title on it or around it); buttons, badges,
//     tabs, steps and column headers are never cut, tooltip or not;
//   - a table column too narrow: a header or cell whose content spills into the next column, or a
//     header whose word is broken across lines.
(() => {
  const SLACK = 1; // sub-pixel rounding
  const problems = [];
  const seen = new Set();

  const shown = (el) => {
    if (!el.isConnected || el.getClientRects().length === 0) return false;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none') return false;
    for (let a = el; a; a = a.parentElement) if (Number(getComputedStyle(a).opacity) === 0) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const snippet = (el) => {
    const t = (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
    return t.length > 40 ? t.slice(0, 39) + '…' : t;
  };
  /** «[data-testid=staff-table] columnheader «Ставка, ч»» — where the element is, what it shows. */
  const describe = (el) => {
    const parts = [];
    const own = el.getAttribute('data-testid');
    const anchor = own ? null : el.parentElement && el.parentElement.closest('[data-testid]');
    if (anchor) parts.push(`[data-testid=${anchor.getAttribute('data-testid')}]`);
    const role = el.getAttribute('role');
    const mantine = [...el.classList].find((c) => c.startsWith('mantine-'));
    let what = el.tagName.toLowerCase();
    if (own) what += `[data-testid=${own}]`;
    else if (role) what += `[role=${role}]`;
    if (mantine) what += `.${mantine}`;
    parts.push(what);
    const t = snippet(el);
    if (t) parts.push(`«${t}»`);
    return parts.join(' ');
  };
  const report = (el, what) => {
    const line = `${describe(el)}: ${what}`;
    if (!seen.has(line)) {
      seen.add(line);
      problems.push(line);
    }
  };
  const hasTooltip = (el, stop) => {
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      if (a.getAttribute('title') || a.getAttribute('data-full-text')) return true;
      if (a === stop) break;
    }
    return false;
  };
  const NEVER_CUT = '.mantine-Button-root, .mantine-Badge-root, .mantine-Tabs-tab, .mantine-Stepper-step, .mantine-NavLink-root, .mantine-SegmentedControl-label, th, [role=columnheader]';
  const CELL = 'th, td, [role=columnheader], [role=cell]';

  // 1. The document itself scrolls sideways: name the elements that stick out on the right.
  const de = document.documentElement;
  if (de.scrollWidth > de.clientWidth + SLACK) {
    report(de, `the page scrolls sideways by ${de.scrollWidth - de.clientWidth} px`);
    const width = de.clientWidth;
    // Only what reaches the document: an element inside a container that clips or scrolls is that
    // container's business (checked below).
    const free = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return false;
      return true;
    };
    for (const el of document.body.querySelectorAll('*')) {
      if (!shown(el) || !free(el)) continue;
      const r = el.getBoundingClientRect();
      const parent = el.parentElement;
      const pr = parent ? parent.getBoundingClientRect() : null;
      if (r.right > width + SLACK && (!pr || pr.right <= width + SLACK)) report(el, `sticks out of the window by ${Math.round(r.right - width)} px`);
    }
  }

  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.mantine-Notifications-root, [data-layout-ignore]')) continue;
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) continue;
    if (!shown(el)) continue;
    const cs = getComputedStyle(el);
    const sideways = el.scrollWidth - el.clientWidth;
    const scrollsX = cs.overflowX === 'auto' || cs.overflowX === 'scroll';
    const clipsX = cs.overflowX === 'hidden' || cs.overflowX === 'clip';

    // 2. A scroll container that scrolls sideways without being meant to.
    if (scrollsX && sideways > SLACK && !el.closest('[data-scroll-x]')) report(el, `scrolls sideways by ${sideways} px`);

    // 3. Content below the fold with no visible scrollbar.
    const scrollsY = cs.overflowY === 'auto' || cs.overflowY === 'scroll';
    if (scrollsY && el.scrollHeight - el.clientHeight > SLACK && el !== de && el !== document.body) {
      if (el.classList.contains('mantine-ScrollArea-viewport')) {
        const root = el.closest('.mantine-ScrollArea-root');
        const bar = root && [...root.children].find((c) => c.matches('.mantine-ScrollArea-scrollbar[data-orientation=vertical]'));
        const thumb = bar && bar.querySelector('.mantine-ScrollArea-thumb');
        if (!bar || !shown(bar) || getComputedStyle(bar).opacity === '0' || !thumb || thumb.getBoundingClientRect().height < 8) report(root || el, `hides ${el.scrollHeight - el.clientHeight} px below the fold with no visible scrollbar`);
      } else if (cs.scrollbarWidth === 'none') report(el, `hides ${el.scrollHeight - el.clientHeight} px below the fold with no visible scrollbar`);
    }

    // 4. Text cut (clipped or ellipsized) without a tooltip; some elements are never cut.
    if (clipsX && sideways > SLACK && snippet(el)) {
      const never = el.closest(NEVER_CUT);
      const cell = el.closest(CELL);
      if (never && (never === el || never.contains(el))) report(never === el ? el : el, `is cut by ${sideways} px (${never.matches(CELL) ? 'a column header' : 'a control'} must show its whole text)`);
      else if (!hasTooltip(el, cell)) report(el, `text is cut by ${sideways} px with no tooltip`);
    }

    // 5. Table cells: content spilling into the next column; a header's word broken across lines.
    if (el.matches(CELL)) {
      if (!clipsX && !scrollsX && sideways > SLACK) report(el, `the column is too narrow: its content is ${sideways} px wider and spills over the next one`);
      if (el.matches('th, [role=columnheader]')) {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = n.textContent || '';
          const re = /\S+/g;
          for (let m = re.exec(text); m; m = re.exec(text)) {
            const range = document.createRange();
            range.setStart(n, m.index);
            range.setEnd(n, m.index + m[0].length);
            const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (tops.size > 1) report(el, `the column is too narrow for its header: «${m[0]}» is broken across lines`);
          }
        }
      }
    }
  }
  return problems;
})();
