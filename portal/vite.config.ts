import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the API server under /portal/; in development the API and its socket.io are proxied.
export default defineConfig({
  base: '/portal/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    port: 5174,
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
