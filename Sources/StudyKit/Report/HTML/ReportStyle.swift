/// The report's inline style sheet: readable on screen, print-friendly (A4, figures kept on one page), no web fonts.
enum ReportStyle {
    static let css = """
    :root { --ink: #222; --muted: #666; --line: #d8dde3; --band: #f4f6f8; --pass: #1b7f3b; --fail: #b3261e; --accent: #0072B2; }
    * { box-sizing: border-box; }
    body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: var(--ink); margin: 0; background: #fff; line-height: 1.45; font-size: 14px; }
    main { max-width: 1060px; margin: 0 auto; padding: 24px 32px 64px; }
    header.report { border-bottom: 3px solid var(--accent); margin-bottom: 16px; padding-bottom: 8px; }
    header.report h1 { margin: 0 0 4px; font-size: 26px; }
    header.report p.lead { margin: 0 0 8px; color: var(--muted); }
    h2 { font-size: 21px; margin: 36px 0 8px; padding-top: 8px; border-top: 1px solid var(--line); }
    h3 { font-size: 17px; margin: 24px 0 6px; }
    nav.toc { background: var(--band); border: 1px solid var(--line); padding: 8px 16px; margin: 12px 0 20px; }
    nav.toc ol { margin: 4px 0; padding-left: 22px; }
    nav.toc a { color: var(--accent); text-decoration: none; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
    dl.facts dt { color: var(--muted); }
    dl.facts dd { margin: 0; overflow-wrap: anywhere; }
    .table-wrap { overflow-x: auto; max-width: 100%; }
    table.data { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
    table.data caption { text-align: left; font-weight: bold; padding: 4px 0; }
    table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
    table.data th { background: var(--band); }
    table.data td.num, table.data th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td.pass, td.fail { font-weight: bold; }
    td.pass { color: var(--pass); }
    td.fail { color: var(--fail); }
    td.mono { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
    figure { margin: 12px 0 20px; }
    figure svg { max-width: 100%; height: auto; display: block; }
    figcaption { color: var(--muted); font-size: 13px; max-width: 760px; margin-top: 4px; }
    .pair { display: flex; flex-wrap: wrap; gap: 16px; }
    .pair figure { margin: 8px 0; }
    .pair figure svg { max-width: 100%; }
    .note { background: #fff8e1; border-left: 4px solid #E69F00; padding: 8px 12px; margin: 8px 0; }
    .error { background: #fdecea; border-left: 4px solid var(--fail); padding: 8px 12px; margin: 8px 0; }
    p.small { color: var(--muted); font-size: 12px; }
    footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
    @media print {
      body { font-size: 11px; }
      main { max-width: none; padding: 0; }
      nav.toc { display: none; }
      h2 { break-before: page; border-top: none; }
      figure, table.data, dl.facts { break-inside: avoid; }
      .table-wrap { overflow: visible; }
      a { color: inherit; text-decoration: none; }
    }
    @page { size: A4; margin: 14mm; }
    """
}
