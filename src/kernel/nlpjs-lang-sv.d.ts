/** The one part of @nlpjs/lang-sv used here; the package ships no types. */
declare module '@nlpjs/lang-sv' {
  export class StemmerSv {
    stem(word: string): string;
  }
}
