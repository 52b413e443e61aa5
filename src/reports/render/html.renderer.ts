import { escapeHtml } from '../../kernel/html';
import type { EvidenceLink } from '../../recommendations/domain/recommendation.events';
import type { ReportAction, ReportModel, ReportRecommendation, TrafficLight } from '../domain/report-model';
import { isWebAddress, type RenderedReport } from './rendered-report';
import { actionCounts, headerRows } from './report-header';
import { chartSvg } from '../domain/charts';
import { reportCharts } from '../domain/report-charts';

// Every string from the model goes through it, labels included, so nothing a user wrote (titles, notes, reasons, link titles) can become markup.
const e = escapeHtml;

// Inline, so the file is one self-contained document that can be mailed or archived as is.
const STYLE = `
@page { size: A4; margin: 16mm 15mm 18mm; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Calibri, Arial, sans-serif; font-size: 10pt; line-height: 1.4; color: #1b1f23; margin: 0 auto; max-width: 200mm; padding: 10mm 8mm; }
h1 { font-size: 18pt; margin: 0 0 2mm; color: #0b3a66; }
h2 { font-size: 13.5pt; margin: 8mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #0b3a66; color: #0b3a66; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 6mm 0 2mm; break-after: avoid; }
h4 { font-size: 10pt; margin: 3mm 0 1mm; break-after: avoid; }
p { margin: 1mm 0 2mm; }
h1, h2, h3, h4, p, li { overflow-wrap: anywhere; }
.subtitle { font-size: 11.5pt; margin: 0 0 4mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; }
th, td { border: 0.75pt solid #b9c2cc; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; }
thead th { background: #dfe7ef; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.facts { break-inside: avoid; }
table.facts th { width: 32%; background: #f2f5f8; font-weight: 600; }
table.meta { width: auto; }
table.meta th, table.meta td { border: none; padding: 0.4mm 4mm 0.4mm 0; }
table.meta th { font-weight: 600; }
.summaries { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0 5mm; align-items: start; }
.num { text-align: right; white-space: nowrap; }
.small { font-size: 8.5pt; color: #4a5561; }
table.actions, table.changes { font-size: 8.5pt; table-layout: fixed; }
td, th { overflow-wrap: anywhere; hyphens: auto; }
.light-green { background: #cfeccf; }
.light-yellow { background: #fff0b3; }
.light-red { background: #f8c9c9; }
.rules { margin: 0; padding-left: 0; list-style: none; }
.rules li { padding: 1mm 2mm; margin-bottom: 1mm; }
.overdue { color: #9b1c1c; font-weight: 600; }
a { color: #0b57a4; }
ul.links { margin: 0; padding-left: 3.5mm; }
section.recommendation { break-inside: auto; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(80mm, 1fr)); gap: 0 5mm; }
figure.chart { margin: 0 0 3mm; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
@media print { body { padding: 0; max-width: none; } a { color: #0b57a4; } }
@media screen and (max-width: 160mm) {
body { padding: 4mm 3mm; }
.summaries { grid-template-columns: 1fr; }
table.actions, table.changes, table.actions tbody, table.changes tbody { display: block; }
table.actions thead, table.changes thead, table.actions colgroup, table.changes colgroup { display: none; }
figure.chart { min-width: 0; }
table.actions tr, table.changes tr { display: block; border: 0.75pt solid #b9c2cc; margin-bottom: 2mm; }
table.actions td, table.changes td { display: block; border: none; padding: 0.6mm 1.8mm; }
td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
`;

export function renderHtml(model: ReportModel): RenderedReport {
  const html = `<!DOCTYPE html>
<html lang="${e(model.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(model.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${header(model)}
${summary(model)}
<h2>${e(model.labels.recommendations)}</h2>
${model.recommendations.map((r) => recommendation(r, model)).join('\n')}
${changes(model)}
${model.anchor ? `<footer class="anchor"><p>${e(model.anchor.text)}</p></footer>` : ''}
</body>
</html>
`;
  return { content: Buffer.from(html, 'utf8'), contentType: 'text/html; charset=utf-8', extension: 'html' };
}

function header(model: ReportModel): string {
  const { labels } = model;
  const rows = headerRows(model);
  return `<header>
<h1>${e(model.title)}</h1>
<p class="subtitle">${e(labels.review)}: ${e(model.reviewTitle)}</p>
<table class="meta">${rows.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table>
</header>`;
}

function summary(model: ReportModel): string {
  const { labels, summary: s } = model;
  const countRow = (label: string, count: string, cls = '') =>
    `<tr><td${cls ? ` class="${cls}"` : ''}>${e(label)}</td><td class="num">${e(count)}</td></tr>`;
  const actions = actionCounts(model);
  return `<h2>${e(labels.summary)}</h2>
<div class="summaries">
<table class="summary"><thead><tr><th>${e(labels.recommendationsByStatus)}</th><th class="num">${e(labels.count)}</th></tr></thead>
<tbody>${s.byStatus.map((c) => countRow(c.label, c.countText)).join('')}
<tr><th scope="row">${e(labels.total)}</th><th class="num">${e(s.recommendationCountText)}</th></tr></tbody></table>
<table class="summary"><thead><tr><th>${e(labels.actions)}</th><th class="num">${e(labels.count)}</th></tr></thead>
<tbody>${actions.map((c) => countRow(c.label, c.countText)).join('')}</tbody></table>
<table class="summary"><thead><tr><th>${e(labels.trafficLights)}</th><th class="num">${e(labels.count)}</th></tr></thead>
<tbody>${s.byTrafficLight.map((c) => countRow(c.label, c.countText, lightClass(c.light))).join('')}</tbody></table>
</div>
${charts(model)}
<h3>${e(labels.trafficLightRule)}</h3>
<ul class="rules">${model.trafficLightRule.map((r) => `<li class="${lightClass(r.light)}">${e(r.text)}</li>`).join('')}</ul>`;
}

/** The summary's charts (domain/report-charts.ts), drawn as SVG; a chart with nothing to draw says so in words. */
function charts(model: ReportModel): string {
  return `<div class="charts">${reportCharts(model)
    .map((c) => `<figure class="chart"><h3>${e(c.title)}</h3>${c.rows.length ? chartSvg(c) : `<p>${e(c.empty)}</p>`}</figure>`)
    .join('\n')}</div>`;
}

function recommendation(r: ReportRecommendation, model: ReportModel): string {
  const { labels } = model;
  const facts: Array<[string, string, string?]> = [
    [labels.responsibleUnit, e(r.responsibleUnitText)],
    [labels.status, e(r.statusText)],
  ];
  facts.push([labels.decision, r.decision ? decisionHtml(r.decision, model) : e(labels.noDecision)]);
  if (r.assessment) facts.push([labels.assessment, decisionHtml(r.assessment, model)]);
  facts.push(
    [labels.progress, e(r.progressText)],
    [labels.trafficLight, `<strong>${e(r.trafficLightText)}</strong> – ${e(r.trafficLightReason)}`, lightClass(r.trafficLight)],
  );
  return `<section class="recommendation" id="${e(`rec-${r.code}`)}">
<h3>${e(r.code)} ${e(r.title)}</h3>
<table class="facts">${facts
    .map(([k, v, cls]) => `<tr><th scope="row">${e(k)}</th><td${cls ? ` class="${cls}"` : ''}>${v}</td></tr>`)
    .join('')}</table>
<h4>${e(labels.actions)}</h4>
${r.actions.length ? actionsTable(r.actions, model) : `<p>${e(labels.noActions)}</p>`}
</section>`;
}

function decisionHtml(d: NonNullable<ReportRecommendation['decision']>, model: ReportModel): string {
  const { labels } = model;
  const lines = [`<strong>${e(d.outcomeText)}</strong>`, `${e(labels.reason)}: ${e(d.reason)}`];
  if (d.meetingText) lines.push(`${e(labels.meeting)}: ${e(d.meetingText)}`);
  else lines.push(`${e(labels.decidedOn)}: ${e(d.recordedAtText)}`);
  return lines.join('<br>');
}

function actionsTable(actions: ReportAction[], model: ReportModel): string {
  const { labels } = model;
  const head = [labels.action, labels.owner, labels.dueDate, labels.status, labels.progress, labels.latestNote, labels.evidence];
  const [action, owner, due, status, progress, note, evidence] = head.map(label);
  const rows = actions.map(
    (a) => `<tr>
<td${action}>${e(a.title)}</td>
<td${owner}>${e(a.responsibleUnitText)}<br><span class="small">${e(a.owner)}</span></td>
<td${due}>${e(a.dueText)}</td>
<td${status}${a.overdue ? ' class="overdue"' : ''}>${e(a.statusText)}</td>
<td${progress} class="num">${e(a.progressText)}</td>
<td${note}>${a.latestNote ? `<span class="small">${e(a.latestNote.atText)}</span><br>${e(a.latestNote.note)}` : `<span class="small">${e(labels.noNote)}</span>`}</td>
<td${evidence}>${links(a.evidence)}</td>
</tr>`,
  );
  return `<table class="actions">${colgroup(ACTION_COLUMNS)}<thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('')}</tbody></table>`;
}

function links(evidence: EvidenceLink[]): string {
  if (!evidence.length) return '';
  const item = (l: EvidenceLink) =>
    isWebAddress(l.url) ? `<a href="${e(l.url)}">${e(l.title)}</a>` : `${e(l.title)} (${e(l.url)})`;
  return `<ul class="links">${evidence.map((l) => `<li>${item(l)}</li>`).join('')}</ul>`;
}

function changes(model: ReportModel): string {
  const { labels } = model;
  const head = [labels.date, labels.code, labels.change, labels.subject, labels.details, labels.reason, labels.by];
  const [date, code, change, subject, details, reason, by] = head.map(label);
  const body = model.changes.length
    ? `<table class="changes">${colgroup(CHANGE_COLUMNS)}<thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${model.changes
        .map(
          (c) =>
            `<tr><td${date}>${e(c.occurredAtText)}</td><td${code}>${e(c.recommendationCode)}</td><td${change}>${e(c.kindText)}</td><td${subject}>${e(c.subject)}</td><td${details}>${e(c.details)}</td><td${reason}>${e(c.reason ?? '')}</td><td${by} class="small">${e(c.by)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : `<p>${e(labels.noChanges)}</p>`;
  return `<h2>${e(labels.changes)}</h2>
<p>${e(model.changesSinceText)}</p>
${body}`;
}

const lightClass = (light: TrafficLight) => `light-${light}`;

/** A cell's column, named in it: on a phone the wide tables are read row by row, each cell on a line of its own after its column's name. */
const label = (column: string) => ` data-label="${e(column)}"`;

/** Column widths in per cent, as in the PDF, so long notes wrap and the table keeps to the page. */
const ACTION_COLUMNS = [19, 15, 11, 10, 10, 21, 14];
const CHANGE_COLUMNS = [11, 6, 12, 19, 19, 19, 14];
const colgroup = (widths: number[]) => `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`;
