/** Former home of the line charts and the digit grid; they live in ./plots/ now. Kept until every island imports from ./index.ts. */
export { liveChart, staticChart, type LiveChart } from './plots/line.ts';
export { drawDigits } from './plots/digits.ts';
