import { defineConfig } from 'colophon';

export default defineConfig({
  title: 'My Technical Blog',
  description: 'Notes on the things I build and break.',
  // Where the site will live. Subpaths work too: 'https://you.github.io/blog/'.
  baseUrl: 'https://example.com/',
  author: { name: 'Your Name' },
  menu: [
    { label: 'Archive', url: '/archive/' },
    { label: 'Series', url: '/series/' },
    { label: 'Topics', url: '/topics/' },
    { label: 'About', url: '/about/' },
  ],
});
