// Reference data and scoring sheets are bundled as text (webpack asset/source; tools/jest/csv-as-text.js under jest).
declare module '*.csv' {
  const text: string;
  export default text;
}
