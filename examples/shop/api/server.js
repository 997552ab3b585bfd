// Storefront API: sessions are cookies, so cross-origin calls carry credentials.
const express = require('express');
const cors = require('cors');

const app = express();

const partners = /partner\.shop\.example\.com/;

app.use(
  cors({
    origin(origin, callback) {
      if (!origin || origin.endsWith('shop.example.com') || partners.test(origin)) return callback(null, true);
      return callback(null, false);
    },
    credentials: true,
  }),
);

app.get('/api/cart', (req, res) => res.json({ items: [] }));

app.listen(3000);
