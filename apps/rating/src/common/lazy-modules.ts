// Libraries for files that are made now and then — pdfkit (~26 MB with its fonts), exceljs (~30 MB with jszip,
// archiver and unzipper under it) — are loaded on first use instead of at boot, so that rating stays inside its
// idle RSS budget (150 MB per service).
const importPdfkit = () => import('pdfkit');
let pdfkit: ReturnType<typeof importPdfkit> | undefined;
export const loadPdfkit = () => (pdfkit ??= importPdfkit());

const importExcel = () => import('exceljs');
let excel: ReturnType<typeof importExcel> | undefined;
export const loadExcel = () => (excel ??= importExcel());

const importZip = () => import('jszip');
let zip: ReturnType<typeof importZip> | undefined;
export const loadZip = () => (zip ??= importZip());
