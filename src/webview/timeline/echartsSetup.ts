/**
 * ECharts, tree-shaken: only what the timeline chart draws, with the SVG renderer (crisp,
 * exportable as SVG, and no eval, so the webview's strict CSP holds). The unit tests render the
 * same setup on the server side (SSR) to check the exported SVG.
 */
import * as echarts from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([ScatterChart, GridComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export { echarts };
