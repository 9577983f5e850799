/**
 * Token types of our micromark extensions (syntax-*.ts) and those of remark-math that
 * syntax-tex-delimiters.ts emits, declared for micromark's typed token names.
 */
declare module 'micromark-util-types' {
  interface TokenTypeMap {
    colophonColonCheck: 'colophonColonCheck';
    colophonDollarCheck: 'colophonDollarCheck';
    colophonTexCheck: 'colophonTexCheck';
    mathText: 'mathText';
    mathTextSequence: 'mathTextSequence';
    mathTextData: 'mathTextData';
  }
}

export {};
