import { defineConfig } from 'colophon';

// The sample blog that ships with Colophon: every feature is used somewhere in content/.
export default defineConfig({
  title: 'Close to the Metal',
  description:
    'Long-form notes on storage engines, the Linux network stack, profiling and observability.',
  baseUrl: 'https://colophon.example/',
  language: 'en',
  author: { name: 'Maren Holt', url: 'https://colophon.example/about/' },
  menu: [
    { label: 'Archive', url: '/archive/' },
    { label: 'Series', url: '/series/' },
    { label: 'Topics', url: '/topics/' },
    { label: 'About', url: '/about/' },
  ],
  pagination: { pageSize: 6 },
  markdown: {
    themes: { light: 'github-light', dark: 'github-dark' },
    lineNumbers: false,
  },
});
