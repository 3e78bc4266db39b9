/// The one stylesheet of the console and the portal, served as a static asset so that the
/// Content-Security-Policy can forbid inline styles. Mobile first: one column, wider layouts
/// from 48em. Colours keep at least 4.5:1 contrast against their background.
enum Stylesheet {
    static let version = "13"
    static let css = """
    *,*::before,*::after{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%}
    body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;font-size:16px;line-height:1.6;color:#1b1b1b;background:#f5f5f2}
    a{color:#0b5394}
    a:visited{color:#4a2d7a}
    :focus-visible{outline:3px solid #f2a900;outline-offset:2px;box-shadow:0 0 0 5px #1b1b1b}
    .skip{position:absolute;left:-999em;top:0;background:#fff;padding:.5em 1em;z-index:10}
    .skip:focus{left:0}
    .top{background:#9e1b1b;color:#fff}
    .top a,.top a:visited{color:#fff}
    .bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25em 1em;padding:.5em 1em;max-width:72em;margin:0 auto}
    .brand{font-weight:700;font-size:1.15em;text-decoration:none}
    .who{display:flex;flex-wrap:wrap;gap:.25em .9em;align-items:center;font-size:.9em}
    .who .org{opacity:1}
    .top nav ul{list-style:none;margin:0;padding:0 .5em;display:flex;flex-wrap:wrap;max-width:72em;margin:0 auto}
    .top nav li a{display:block;padding:.55em .8em;text-decoration:none;font-weight:500}
    .top nav li a[aria-current],.top nav li a[aria-current]:visited{background:#f5f5f2;color:#7a1414;border-radius:.3em .3em 0 0}
    main{display:block;max-width:72em;margin:0 auto;padding:1em}
    main.narrow{max-width:32em}
    main:focus{outline:none}
    h1{font-size:1.4em;margin:.3em 0 .6em;line-height:1.3}
    h2{font-size:1.15em;margin:1.4em 0 .5em}
    .muted{color:#555}
    .card{background:#fff;border:1px solid #d6d6d0;border-radius:.4em;padding:1em;margin:0 0 1em}
    .card>h2:first-child,.placeholder>h2:first-child{margin-top:0}
    .grid{display:grid;grid-template-columns:1fr;gap:1em}
    .grid>*,.chart-table>*{min-width:0}
    .kpis{display:grid;grid-template-columns:repeat(2,1fr);gap:.6em;margin:0 0 1em;padding:0;list-style:none}
    .kpis li{background:#fff;border:1px solid #d6d6d0;border-radius:.4em;padding:.6em .8em}
    .kpis .n{display:block;font-size:1.5em;font-weight:700;color:#7a1414}
    table{border-collapse:collapse;width:100%;background:#fff;font-size:.95em}
    th,td{text-align:left;padding:.45em .6em;border-bottom:1px solid #e1e1dc;vertical-align:top}
    th{background:#efefea;font-weight:600}
    th,td{word-break:keep-all;overflow-wrap:break-word}
    time,.nw{white-space:nowrap}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .table-wrap{overflow-x:auto;margin:0 0 1em;border:1px solid #d6d6d0;border-radius:.4em}
    dl.fields{display:grid;grid-template-columns:minmax(6em,auto) 1fr;gap:.3em 1em;margin:0}
    dl.fields dt{color:#555}
    dl.fields dd{margin:0;word-break:break-all}
    .field{margin:0 0 1em}
    .field label{display:block;font-weight:600;margin:0 0 .25em}
    .req{color:#b00020;margin-left:.2em}
    input[type=text],input[type=password],input[type=search],input[type=tel],input[type=date],input[type=number],input[type=file],select,textarea{display:block;width:100%;max-width:32em;font:inherit;padding:.5em .6em;border:2px solid #5c5c5c;border-radius:.3em;background:#fff;color:#1b1b1b}
    .has-error input,.has-error select,.has-error textarea{border-color:#b00020}
    .field-error{color:#b00020;font-weight:600;margin:.25em 0 0}
    .hint{color:#555;margin:0 0 .25em;font-size:.9em}
    .check{display:flex;gap:.5em;align-items:center;margin:.3em 0}
    .check input{width:1.2em;height:1.2em}
    fieldset{border:1px solid #d6d6d0;border-radius:.4em;margin:0 0 1em;padding:.6em 1em}
    legend{font-weight:600;padding:0 .3em}
    button,.button{display:inline-block;font:inherit;font-weight:600;padding:.55em 1.2em;border-radius:.3em;border:2px solid #7a1414;background:#9e1b1b;color:#fff;cursor:pointer;text-decoration:none;min-height:44px}
    .button:visited{color:#fff}
    button.secondary,.button.secondary{background:#fff;color:#7a1414}
    button.danger{background:#fff;color:#b00020;border-color:#b00020}
    button.link{background:none;border:none;color:inherit;text-decoration:underline;padding:0;min-height:0;font-weight:400}
    form.inline{display:inline}
    .actions{display:flex;flex-wrap:wrap;gap:.6em;align-items:center;margin:1em 0}
    ul.plain{list-style:none;padding:0;margin:0 0 1em}
    ul.plain>li{margin:0 0 .6em}
    ul.filters{display:flex;flex-wrap:wrap;gap:.4em 1em;list-style:none;padding:0;margin:0 0 1em}
    .search{display:flex;flex-wrap:wrap;gap:.6em;align-items:flex-end;margin:0 0 1em}
    .search .field{margin:0;flex:1 1 12em}
    .flash{background:#e6f4ea;border-left:4px solid #1e7b34;padding:.6em 1em;margin:0 0 1em}
    .alert{background:#fdecea;border-left:4px solid #b00020;padding:.6em 1em;margin:0 0 1em}
    .alert ul{margin:.3em 0 0;padding-left:1.2em}
    .notice{background:#fff8e1;border-left:4px solid #a66b00;padding:.6em 1em;margin:0 0 1em}
    .breadcrumbs ol{list-style:none;margin:0 0 .8em;padding:0;display:flex;flex-wrap:wrap;gap:.2em;font-size:.9em}
    .breadcrumbs li+li::before{content:"›";margin:0 .35em;color:#555}
    .tag{display:inline-block;font-size:.8em;padding:0 .5em;border-radius:1em;background:#e8e8e3;color:#333;white-space:nowrap}
    .tag.ok{background:#e6f4ea;color:#14532d}
    .tag.warn{background:#fff1cc;color:#6b4500}
    .tag.bad{background:#fde2e1;color:#8a1c1c}
    .pager{display:flex;flex-wrap:wrap;gap:1em;align-items:center;margin:.5em 0 1em}
    .pager .pages{display:flex;flex-wrap:wrap;gap:.3em;align-items:center}
    .pager .pages a{display:inline-block;min-width:2.4em;min-height:2.4em;line-height:2.4em;text-align:center;border:1px solid #d6d6d0;border-radius:.3em;background:#fff;text-decoration:none}
    .pager .pages a[aria-current]{background:#9e1b1b;color:#fff;border-color:#9e1b1b}
    .tabs{display:flex;flex-wrap:wrap;gap:.3em;margin:0 0 1em;padding:0;list-style:none}
    .tabs a{display:block;padding:.4em .9em;border:1px solid #d6d6d0;border-radius:2em;background:#fff;text-decoration:none}
    .tabs a[aria-current]{background:#9e1b1b;color:#fff;border-color:#9e1b1b}
    .delta{display:block;font-size:.85em;color:#555}
    .delta.up{color:#14532d}
    .delta.down{color:#8a1c1c}
    td.nowrap{white-space:nowrap}
    .subform{border-top:1px solid #d6d6d0;margin-top:1em;padding-top:.3em;max-width:40em}
    .inline-form{display:flex;flex-wrap:wrap;gap:.6em;align-items:center;margin:0 0 1em}
    .inline-form input[type=date]{display:inline-block;width:auto}
    .inline-form button{min-height:44px}
    table.stats th,table.stats td{white-space:nowrap}
    table.stats caption{text-align:left;padding:.4em .6em;color:#555}
    table.stats tfoot th,table.stats tfoot td{font-weight:700;background:#f5f0e6;border-top:2px solid #7a1414}
    table.stats tbody th{background:#fff;font-weight:400}
    .chart{width:100%;height:auto;max-width:40em;display:block}
    .chart text{font-size:11px;fill:#333}
    .tree ul{list-style:none;padding-left:1.2em;margin:0}
    .tree>ul{padding-left:0}
    .tree li{margin:.2em 0}
    .code-box{font-size:1.6em;font-weight:700;letter-spacing:.1em;background:#fff;border:2px dashed #9e1b1b;padding:.4em .8em;display:inline-block}
    .error-page .code{font-size:3em;font-weight:700;color:#9e1b1b;margin:0}
    .placeholder{border:2px dashed #c7c7c0;border-radius:.4em;padding:1em;color:#444;background:#fff}
    .row-bad td{background:#fff4f4}
    .row-late td{background:#fff4f4}
    .late{color:#b00020}
    .late strong{font-weight:700}
    .late-count{color:#b00020;font-weight:600}
    .tabs a[aria-current] .late-count{color:#fff}
    .tag.info{background:#e3edf7;color:#0b3d6b}
    .returned h2{margin:0 0 .3em;color:#8a1c1c}
    .category{font-size:1.3em;font-weight:700;color:#7a1414;margin:0 0 .4em}
    ol.arithmetic{margin:.3em 0 0;padding-left:1.5em;font-variant-numeric:tabular-nums}
    ol.arithmetic li{margin:.2em 0}
    h3{font-size:1em;margin:1em 0 .3em}
    .steps{display:flex;flex-wrap:wrap;gap:.8em;align-items:flex-start}
    .steps form.step:not(.card){display:flex;flex-wrap:wrap;gap:.5em;align-items:center}
    .steps form.card,.steps details.card{margin:0;flex:1 1 18em}
    details.step summary{cursor:pointer;font-weight:600;color:#b00020;min-height:44px;display:flex;align-items:center}
    ol.timeline{list-style:none;margin:0 0 1em;padding:0 0 0 1em;border-left:3px solid #d6d6d0}
    ol.timeline li{position:relative;margin:0 0 .8em;padding:.2em 0 0 .6em}
    ol.timeline li::before{content:"";position:absolute;left:-1.55em;top:.7em;width:.8em;height:.8em;border-radius:50%;background:#9e1b1b}
    ol.timeline li.sent-back::before{background:#b00020}
    ol.timeline p{margin:0 0 .15em}
    .hardship-form>fieldset{margin:0 0 1.2em}
    .family{display:grid;grid-template-columns:1fr;gap:.6em}
    .family-row .field{margin:0 0 .6em}
    .portal main{max-width:36em}
    ol.progress{list-style:none;display:flex;margin:.4em 0 1em;padding:0;counter-reset:step}
    ol.progress li{flex:1 1 0;position:relative;text-align:center;font-size:.85em;color:#555;padding-top:2em;counter-increment:step}
    ol.progress li::before{content:counter(step);position:absolute;top:0;left:50%;margin-left:-.85em;width:1.7em;height:1.7em;line-height:1.7em;border-radius:50%;background:#e8e8e3;color:#333;font-weight:700;z-index:1}
    ol.progress li::after{content:"";position:absolute;top:.75em;right:50%;width:100%;height:3px;background:#d6d6d0}
    ol.progress li:first-child::after{display:none}
    ol.progress li.done,ol.progress li.current{color:#1b1b1b;font-weight:600}
    ol.progress li.done::before{content:"✓";background:#1e7b34;color:#fff}
    ol.progress li.done::after,ol.progress li.current::after,ol.progress li.stopped::after{background:#1e7b34}
    ol.progress li.current::before{background:#9e1b1b;color:#fff}
    ol.progress li.stopped::before{content:"✗";background:#b00020;color:#fff}
    ol.progress .when{display:block;font-weight:400;color:#555;font-size:.9em}
    ul.rules{padding-left:1.2em;margin:.3em 0 1em}
    ul.rules li{margin:.2em 0}
    ul.checks{list-style:none;padding:0;margin:.2em 0 .6em}
    p.amount{font-size:1.1em}
    p.amount strong{color:#7a1414;font-size:1.2em}
    .acct{white-space:nowrap}
    .table-wrap table{min-width:34em}
    .table-wrap table.narrow{min-width:0}
    .table-wrap thead{position:sticky;top:0;z-index:2}
    .table-wrap tr>:first-child{position:sticky;left:0;z-index:1;background:#fff;box-shadow:1px 0 0 #e1e1dc}
    .table-wrap thead tr>:first-child{z-index:3;background:#efefea}
    .table-wrap thead tr+tr>:first-child{position:static;box-shadow:none}
    .table-wrap.scroll{max-height:75vh;overflow:auto}
    .table-wrap :is(.row-bad,.row-late)>:first-child{background:#fff4f4}
    .table-wrap .row-own>:first-child{background:#fffaf0}
    table.stats tfoot tr>:first-child{background:#f5f0e6}
    ol.rules{margin:.3em 0;padding-left:1.5em}
    ol.rules li{margin:.25em 0}
    pre.json{background:#f5f5f2;border:1px solid #d6d6d0;padding:.6em;overflow-x:auto;font-size:.85em;max-height:24em}
    .kpis.counts{grid-template-columns:repeat(2,1fr)}
    .kpis.counts a{display:block;text-decoration:none}
    th.lvl1{padding-left:1.6em}
    th.lvl2{padding-left:2.6em}
    th.lvl3,th.lvl4,th.lvl5,th.lvl6{padding-left:3.6em}
    table.stats tbody .row-own th,.row-own td{background:#fffaf0}
    .chart-table{display:grid;grid-template-columns:1fr;gap:1em}
    .row-actions{display:flex;flex-wrap:wrap;gap:.5em;align-items:flex-start}
    .row-actions details summary{cursor:pointer;color:#b00020;font-weight:600;min-height:44px;display:flex;align-items:center}
    .row-actions details .field{margin:.3em 0}
    .row-group{border-bottom:1px dashed #e1e1dc;margin:0 0 .6em;gap:0 1em}
    .check-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(11em,1fr));gap:0 1em}
    p.pre{white-space:pre-wrap}
    form.step{border-top:1px solid #e1e1dc;padding:.6em 0 0;margin:.6em 0 0}
    form.step h3{margin:.2em 0 .5em;font-size:1em}
    fieldset.picker{max-width:40em;background:#fff}
    fieldset.picker .check{align-items:flex-start;margin:.45em 0}
    fieldset.picker .check input{margin-top:.3em;flex:none}
    .search fieldset.picker{flex:1 1 100%;margin:0}
    .headline{font-size:1.15em;font-weight:700;color:#7a1414;background:#fff;border-left:4px solid #9e1b1b;padding:.6em 1em;margin:0 0 1em}
    table.print-list{font-size:.9em}
    table.print-list th,table.print-list td{padding:.25em .45em;border:1px solid #d6d6d0}
    .slip{background:#fff;border:2px dashed #9e1b1b;border-radius:.4em;padding:1em 1.2em;max-width:36em;margin:0 0 1em}
    .slip h2{margin-top:0}
    @media (max-width:47.99em){
      .bar{padding:.3em .8em;gap:0 .8em}
      .brand{font-size:1em}
      .who{font-size:.85em;gap:0 .7em}
      .who .org{display:none}
      .who{flex-wrap:nowrap;min-width:0;max-width:100%}
      .who .user{min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
      .who a,.who form{flex:none}
      .top nav ul{flex-wrap:nowrap;overflow-x:auto;scrollbar-width:thin;padding:0 .3em}
      .top nav li a{padding:.4em .65em;white-space:nowrap;min-height:44px;display:flex;align-items:center}
      main{padding:.6em .8em}
      h1{margin:.2em 0 .5em}
      .table-wrap table.stack{min-width:0}
      .table-wrap table.stack tr>:first-child{position:static;box-shadow:none}
      table.stack thead{position:absolute;left:-999em}
      table.stack tr{display:block;border-bottom:2px solid #d6d6d0;padding:.4em 0}
      table.stack td{display:grid;grid-template-columns:6.5em 1fr;gap:.6em;border:none;padding:.2em .6em}
      table.stack td::before{content:attr(data-label);color:#555}
      table.stack td.num{text-align:left}
      table.stack td .tag{justify-self:start}
    }
    @media (min-width:48em){
      .grid.two{grid-template-columns:1fr 1fr}
      .chart-table{grid-template-columns:minmax(0,2fr) minmax(0,3fr)}
      .family-row{display:grid;grid-template-columns:repeat(3,1fr);gap:0 1em}
      .family-row legend{grid-column:1/-1}
      .grid.three,.row-group{grid-template-columns:repeat(3,1fr);align-items:start}
      dl.fields.wide{grid-template-columns:minmax(6em,auto) 1fr minmax(6em,auto) 1fr}
      .kpis{grid-template-columns:repeat(4,1fr)}
      h1{font-size:1.6em}
    }
    .document{background:#fff;border:1px solid #d6d6d0;max-width:48em;margin:0 auto 1em;padding:2em 2.2em;font-family:"Noto Serif CJK SC","Songti SC",SimSun,serif;line-height:1.8;color:#000}
    .document .doc-title{text-align:center;font-family:"Noto Sans CJK SC",SimHei,sans-serif;font-size:1.6em;letter-spacing:.1em;margin:0 0 .4em}
    .document .doc-number{text-align:center;margin:0 0 1em}
    .document h2{font-size:1.05em;margin:1.1em 0 .4em;font-family:"Noto Sans CJK SC",SimHei,sans-serif}
    .document .doc-body{text-indent:2em;margin:.3em 0;text-align:justify}
    .document table{width:100%;border-collapse:collapse;margin:.4em 0}
    .document th,.document td{border:1px solid #000;padding:.3em .5em;text-align:left;vertical-align:top;font-weight:400}
    .document .doc-fields th{width:18%;white-space:nowrap}
    .document .doc-fields td{width:32%}
    .document .doc-table thead th{text-align:center;font-weight:700}
    .document .doc-signatures{margin-top:1.6em}
    .document .doc-signatures p{text-align:right;margin:.9em 0}
    .document .doc-note{font-size:.9em}
    ol.sessions{padding-left:1.2em}
    ol.sessions li{margin:.5em 0}
    @media print{
      body{background:#fff}
      .top,.skip,.no-print,.flash{display:none}
      main{max-width:none;padding:0}
      .document{border:0;padding:0;max-width:none;margin:0}
      main:has(.slip)>:not(.slip){display:none}
      .slip{border:0;max-width:none}
    }
    """
}
