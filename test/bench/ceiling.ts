import express from 'express';

/**
 * The ceiling to compare against: the cheapest Express JSON POST handler this machine can
 * serve, run the same way as the platform (its own process, JSON body parsed).
 */
const app = express();
app.use(express.json());
app.post('/echo', (req, res) => {
  res.status(201).json({ ok: true, id: (req.body as { id?: string }).id ?? null });
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`ready ${typeof address === 'object' && address ? address.port : ''}`);
});
