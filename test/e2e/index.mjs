// The end-to-end scenarios, in the order scripts/e2e.mjs runs them. Each gets its own
// code-server, browser context and fresh copy of examples/.
import newIncident from './newIncident.mjs';
import diagnostics from './diagnostics.mjs';
import quickFix from './quickFix.mjs';
import incidentsView from './incidentsView.mjs';
import freshReport from './freshReport.mjs';
import setStatus from './setStatus.mjs';
import languageFeatures from './languageFeatures.mjs';
import timelineChart from './timelineChart.mjs';
import insights from './insights.mjs';

export const scenarios = [newIncident, diagnostics, quickFix, incidentsView, freshReport, setStatus, languageFeatures, timelineChart, insights];
