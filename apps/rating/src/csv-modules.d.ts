// The scoring sheets are bundled as text (webpack asset/source; test/csv-as-text.js under jest).
declare module '*.csv' {
  const text: string;
  export default text;
}
