// A small page object over VS Code's web workbench (code-server 4.100.3 / VS Code 1.100.3):
// the few things a user does with the keyboard and mouse, each waiting on what the user
// would see (a selector, a label, the status bar) rather than on fixed sleeps.

/** Spaces in Monaco's rendered lines are U+00A0; compare texts with this. */
export const normalize = (text) => (text ?? '').replace(/\u00a0/g, ' ');

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';
const ACTIVE_GROUP = '.editor-group-container.active';
const PROBLEMS_FILTER = '.markers-panel-container input[aria-label="Filter Problems"], .panel input[aria-label="Filter Problems"]';

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  /** The workbench is up and the extension's contributions (the Incidents container) are in. */
  async ready() {
    await this.page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 30_000 });
    await this.page.waitForSelector('.activitybar .action-label[aria-label^="Incidents"]', { timeout: 30_000 });
  }

  async quickInputOpen() {
    await this.page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible' });
  }

  async quickInputClosed() {
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden' });
  }

  /** Text of the quick input's title bar ('' when it has none). */
  async quickInputTitle() {
    return normalize(await this.page.locator(`${QUICK_INPUT} .quick-input-title`).textContent());
  }

  /** Labels of the rows the quick input lists now. */
  async quickInputRows() {
    return this.page.$$eval(`${QUICK_INPUT} .quick-input-list .monaco-list-row`, (rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  }

  /** Types `text` into the open quick input, waits until the focused row's label contains `expect`, then Enter. */
  async pick(text, expect = text) {
    await this.quickInputOpen();
    await this.page.keyboard.type(text);
    await this.page.waitForFunction(
      ([sel, want]) => {
        const row = document.querySelector(sel);
        return !!row && (row.getAttribute('aria-label') ?? '').includes(want);
      },
      [`${QUICK_INPUT} .quick-input-list .monaco-list-row.focused`, expect],
    );
    await this.page.keyboard.press('Enter');
  }

  /** F1, the command's title, Enter. */
  async runCommand(title) {
    await this.page.keyboard.press('F1');
    await this.pick(title);
  }

  /** Ctrl+P, the file name, Enter; resolves when the file's tab is the active one. */
  async quickOpen(fileName) {
    await this.page.keyboard.press('Control+P');
    await this.pick(fileName);
    await this.waitActiveTab(fileName);
  }

  /** Ctrl+G to `line` (1-based) of the active editor; resolves when the status bar says so. */
  async gotoLine(line) {
    await this.page.keyboard.press('Control+G');
    await this.quickInputOpen();
    await this.page.keyboard.type(String(line));
    // Enter before the widget has read the typed number is lost on a loaded machine: wait for its
    // "Go to line N." entry, and press Enter again while the widget stays open.
    await this.page.locator(QUICK_INPUT).getByText(`Go to line ${line}`, { exact: false }).first().waitFor({ state: 'visible' });
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Enter');
      try {
        await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 5000 });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    await this.waitCursorLine(line);
  }

  /** The status bar's cursor position, e.g. "Ln 39, Col 1". */
  async cursorStatus() {
    return normalize(await this.page.locator('[id="status.editor.selection"]').textContent());
  }

  async waitCursorLine(line) {
    await this.page.waitForFunction(
      (want) => new RegExp(`^Ln ${want},`).test(document.querySelector('[id="status.editor.selection"]')?.textContent ?? ''),
      line,
    );
  }

  /** aria-label of the active tab of the active editor group, e.g. "INC-....md, preview". */
  async activeTab() {
    return this.page.locator(`${ACTIVE_GROUP} .tabs-container .tab.active`).getAttribute('aria-label');
  }

  async waitActiveTab(prefix) {
    await this.page.waitForFunction(
      ([sel, want]) => (document.querySelector(sel)?.getAttribute('aria-label') ?? '').startsWith(want),
      [`${ACTIVE_GROUP} .tabs-container .tab.active`, prefix],
    );
  }

  /** The active editor's rendered (visible) lines, top to bottom, spaces normalised. */
  async editorLines() {
    const lines = await this.page.$$eval(`${ACTIVE_GROUP} .monaco-editor .view-lines .view-line`, (els) =>
      els
        .map((el) => ({ top: parseFloat(el.style.top) || 0, text: el.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
    return lines.map(normalize);
  }

  /** Polls the active editor's visible lines until `predicate(lines)` holds. */
  async waitEditorLines(predicate, what, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    let lines = [];
    while (Date.now() < deadline) {
      lines = await this.editorLines();
      if (predicate(lines)) return lines;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`editor never showed ${what}; visible lines:\n  ${lines.join('\n  ')}`);
  }

  /** Ctrl+Shift+M; resolves when the Problems panel is visible. */
  async openProblems() {
    await this.page.keyboard.press('Control+Shift+M');
    await this.page.locator('.markers-panel').waitFor({ state: 'visible' });
  }

  /** aria-labels of the Problems rows rendered now (the list is virtual: the visible ones). */
  async problems() {
    return this.page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  }

  /** Waits until a visible Problems row's label contains every one of `parts`; returns that label. */
  async waitProblem(...parts) {
    const handle = await this.page.waitForFunction((want) => {
      for (const row of document.querySelectorAll('.markers-panel .monaco-list-row')) {
        const label = row.getAttribute('aria-label') ?? '';
        if (want.every((p) => label.includes(p))) return label;
      }
      return false;
    }, parts);
    return handle.jsonValue();
  }

  /** Types into the Problems panel's filter box (replacing what it held). */
  async filterProblems(text) {
    const input = this.page.locator(PROBLEMS_FILTER).first();
    // On a fresh install's first start the filter box can be rendered again as the panel
    // settles, dropping what was typed (the package test once saw every file's rows): fill
    // until the box holds the text.
    for (let attempt = 1; ; attempt++) {
      await input.fill(text);
      try {
        await this.page.waitForFunction(([sel, want]) => document.querySelector(sel)?.value === want, [PROBLEMS_FILTER, text], { timeout: 3000 });
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  /** What the Problems filter box holds now ('' when it is not there). */
  async problemsFilter() {
    return this.page.evaluate((sel) => document.querySelector(sel)?.value ?? '', PROBLEMS_FILTER);
  }

  /**
   * Ctrl+. until the code action menu lists `title` (diagnostics and code actions follow an
   * edit after a debounce, so an early Ctrl+. may see "No code actions available").
   * Leaves the menu open.
   */
  async openQuickFix(title, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    let seen = [];
    while (Date.now() < deadline) {
      await this.page.keyboard.press('Control+.');
      try {
        await this.page.waitForFunction(
          (want) => [...document.querySelectorAll('.action-widget .monaco-list-row.action')].some((r) => r.getAttribute('aria-label') === want),
          title,
          { timeout: 1500 },
        );
        return;
      } catch {
        seen = await this.page.$$eval('.action-widget .monaco-list-row.action', (rows) => rows.map((r) => r.getAttribute('aria-label')));
        await this.page.keyboard.press('Escape');
      }
    }
    throw new Error(`the quick fix menu never offered "${title}" (last menu: ${seen.length ? seen.join(' | ') : 'none / "No code actions available"'})`);
  }

  /** Focuses the code action menu's row `title` and presses Enter. */
  async applyQuickFix(title) {
    const rows = await this.page.$$eval('.action-widget .monaco-list-row.action', (els) => els.map((r) => ({ label: r.getAttribute('aria-label'), focused: r.classList.contains('focused') })));
    const index = rows.findIndex((r) => r.label === title);
    if (index < 0) throw new Error(`no "${title}" in the quick fix menu`);
    const focused = Math.max(0, rows.findIndex((r) => r.focused));
    for (let i = focused; i < index; i++) await this.page.keyboard.press('ArrowDown');
    for (let i = focused; i > index; i--) await this.page.keyboard.press('ArrowUp');
    await this.page.keyboard.press('Enter');
    await this.page.locator('.action-widget').waitFor({ state: 'hidden' });
  }

  /** Messages of the error notifications on screen (toasts), e.g. a manifest or activation error. */
  async errorNotifications() {
    return this.page.$$eval('.notifications-toasts .notification-list-item', (items) =>
      items
        .filter((item) => item.querySelector('.notification-list-item-icon.codicon-error'))
        .map((item) => (item.querySelector('.notification-list-item-message')?.textContent ?? '').trim()),
    );
  }

  /** Waits until the active editor shows at least one squiggle (the diagnostics are drawn). */
  async waitSquiggle(kinds = ['error', 'warning', 'info']) {
    const selector = kinds.map((k) => `${ACTIVE_GROUP} .monaco-editor .squiggly-${k}`).join(', ');
    await this.page.locator(selector).first().waitFor({ state: 'attached' });
  }

  /**
   * Best effort before a screenshot: waits (at most `timeout` ms, never failing) until the
   * status bar no longer says "Activating Extensions..." and no view shows a progress badge.
   */
  async settle(timeout = 5000) {
    await this.page
      .waitForFunction(
        () =>
          ![...document.querySelectorAll('.statusbar .statusbar-item')].some((el) => /Activating Extensions/i.test(el.textContent ?? '')) &&
          ![...document.querySelectorAll('.activitybar .progress-badge')].some((el) => el.getClientRects().length > 0),
        undefined,
        { timeout },
      )
      .catch(() => {});
  }

  /** Clicks the activity bar item whose label starts with `label` (e.g. "Incidents"). */
  async openActivity(label) {
    // A click while the workbench is still laying out its views can be lost on a loaded
    // machine: click again while the side bar does not show the container.
    for (let attempt = 1; ; attempt++) {
      await this.page.locator(`.activitybar .action-label[aria-label^="${label}"]`).click();
      try {
        await this.page.waitForFunction(
          (want) => [...document.querySelectorAll('.sidebar .pane-header, .sidebar .composite.title')].some((h) => (h.textContent ?? '').toLowerCase().includes(want.toLowerCase())),
          label,
          { timeout: 10_000 },
        );
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  /**
   * Waits until the side bar's rows and the status bar's problem counts have not changed for
   * `quietMs` (at most `timeout`, never failing). The Incidents view refreshes whenever a
   * report's diagnostics change; a row clicked during a refresh runs a command VS Code has
   * already dropped ("Actual command not found"), so clicks wait for the startup validation
   * to settle.
   */
  async waitQuiet(quietMs = 1000, timeout = 10_000) {
    const snapshot = () =>
      this.page.evaluate(() => {
        const rows = [...document.querySelectorAll('.sidebar .monaco-list-row')].map((r) => r.getAttribute('aria-label') ?? '');
        const problems = document.querySelector('[id="status.problems"]')?.textContent ?? '';
        return `${rows.join('\n')}\n${problems}`;
      });
    const deadline = Date.now() + timeout;
    let last = await snapshot();
    let since = Date.now();
    while (Date.now() < deadline && Date.now() - since < quietMs) {
      await this.page.waitForTimeout(100);
      const now = await snapshot();
      if (now !== last) {
        last = now;
        since = Date.now();
      }
    }
  }

  /** The side bar's tree/list row whose text contains `text`. */
  sidebarRow(text) {
    return this.page.locator('.sidebar .monaco-list-row', { hasText: text });
  }

  /** Drags the sash between the side bar and the editor so the side bar is `width` px wide. */
  async resizeSidebar(width) {
    const sidebar = await this.page.locator('.part.sidebar').boundingBox();
    if (!sidebar) return;
    const x = sidebar.x + sidebar.width;
    const y = sidebar.y + sidebar.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(sidebar.x + width, y, { steps: 5 });
    await this.page.mouse.up();
  }
}
