/// The report page's stylesheet, inlined so the page needs nothing from the network.
enum HTMLStyle {
    static let css = """
    :root { --ok: #15803d; --ok-bg: #dcfce7; --bad: #b91c1c; --bad-bg: #fee2e2; --warn: #b45309; --warn-bg: #fef3c7;
            --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --panel: #f9fafb; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
           color: var(--ink); background: #fff; }
    main { max-width: 1160px; margin: 0 auto; padding: 0 20px 40px; }
    h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
    code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
    pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px;
          white-space: pre-wrap; word-break: break-all; }
    .banner { padding: 18px 20px; color: #fff; }
    .banner .inner { max-width: 1160px; margin: 0 auto; display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; }
    .banner h1 { margin: 0; font-size: 26px; letter-spacing: .04em; }
    .banner .what { font-size: 16px; opacity: .95; overflow-wrap: anywhere; }
    .banner.passed { background: var(--ok); }
    .banner.failed { background: var(--bad); }
    .banner.aborted { background: var(--warn); }
    .description { color: var(--muted); margin: 14px 0 0; }
    .abort { margin: 14px 0 0; padding: 10px 12px; border-radius: 6px; background: var(--warn-bg); color: #78350f; }
    dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 8px 20px; margin: 16px 0 0; }
    dl.facts div { min-width: 0; }
    dl.facts dt { color: var(--muted); font-size: 12px; }
    dl.facts dd { margin: 0; overflow-wrap: anywhere; }
    table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
    th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
    th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
    td.key, th.key { white-space: nowrap; overflow-wrap: normal; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; }
    .badge.passed { background: var(--ok-bg); color: var(--ok); }
    .badge.failed { background: var(--bad-bg); color: var(--bad); }
    .badge.skipped { background: var(--line); color: var(--muted); }
    .muted { color: var(--muted); }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; }
    .charts figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 6px; background: #fff; }
    svg.chart { width: 100%; height: auto; display: block; font-family: inherit; }
    svg .chart-title { font-size: 13px; font-weight: 600; fill: var(--ink); }
    svg .tick, svg .legend { font-size: 11px; fill: var(--muted); }
    svg .axis-label { font-size: 11px; fill: var(--muted); }
    svg .no-data { font-size: 13px; fill: var(--muted); }
    svg .grid { stroke: var(--line); stroke-width: 1; }
    svg .axis { stroke: #9ca3af; stroke-width: 1; }
    svg .line { fill: none; stroke-width: 2; stroke-linejoin: round; }
    svg .area { opacity: .15; }
    svg .marker { stroke: var(--bad); stroke-width: 1.5; stroke-dasharray: 3 3; }
    .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; }
    .tile { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; background: var(--panel); }
    .tile .n { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
    .tile .k { color: var(--muted); font-size: 12px; }
    h3 { font-size: 14px; margin: 16px 0 6px; }
    footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
    """

    /// The document up to and including `<body>`: the charset, a Content-Security-Policy that allows
    /// nothing but inline styles (every page is self-contained), `title` (escaped here) and the stylesheet.
    static func documentHead(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>\(HTMLEscaping.escape(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>

        """
    }
}
