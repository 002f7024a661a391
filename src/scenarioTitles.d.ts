/** Provided by vite.config.ts (scenarioTitles): the built-in scenarios' files and titles, in file order. */
declare module 'virtual:scenario-titles' {
  const titles: readonly { readonly file: string; readonly title: string }[];
  export default titles;
}
