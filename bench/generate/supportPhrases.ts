// Phrase pools for synthetic customer-support chats: varied enough that tokenizer caches and duplicate checks see
// realistic text, with some accents, emoji and non-Latin scripts in the mix.

export const COMPANIES = [
  'Acme Broadband',
  'Northwind Air',
  'Globex Bank',
  'Initech Cloud',
  'Umbrella Mobile',
  'Stark Energy',
  'Wayne Parcel',
  'Soylent Foods',
];

export const PRODUCTS = [
  'router',
  'mobile plan',
  'credit card',
  'parcel',
  'flight booking',
  'smart meter',
  'subscription',
  'laptop',
  'gift card',
  'loyalty account',
];

export const NAMES = [
  'José',
  'Zoë',
  'Anaïs',
  'Björn',
  'Chloé',
  'Łukasz',
  'Sam',
  'Priya',
  'Kenji',
  'Olusegun',
  'Ana',
  'Mateo',
  'Søren',
  'François',
  'Aisha',
];

export const SYSTEM_STYLES = [
  'You are {company} Support, a friendly assistant. Be brief, accurate and polite; never promise refunds you cannot grant.',
  "You are the virtual agent for {company}. Answer in the customer's language, keep replies under 120 words, and escalate safety issues.",
  'Role: customer care for {company}. Verify identity before discussing account details. Use plain language and numbered steps for instructions.',
  'You help {company} customers with orders, billing and technical problems. If unsure, say so and offer to connect a human agent.',
];

export const OPENINGS = [
  'Hi, I have a problem with my {product}.',
  'Hello! Quick question about my {product} 🙂',
  'My {product} stopped working this morning and I need it fixed today.',
  'Good evening, I was charged twice for my {product}.',
  'Hey, can someone help me with the {product} I ordered last week?',
  "I've been waiting for three days now, this is really frustrating 😤",
  "Bonjour, j'ai un souci avec mon {product}, pouvez-vous m'aider ?",
  'Hola, mi {product} no funciona desde ayer.',
];

export const CUSTOMER_DETAILS = [
  'The reference on my confirmation e-mail is {ref}.',
  'I already tried turning it off and on again, twice.',
  'It shows "error 0x80070005" every time I try to sign in.',
  'The app says my payment of €49.99 failed, but my bank shows it went through.',
  'I moved to a new address in Zürich last month, could that be why?',
  "My name is {name} and the account is under my partner's e-mail.",
  'Tracking says "delivered" but nothing arrived 📦 and my neighbours have nothing either.',
  "I need this sorted before Friday because I'm travelling — 出張があります.",
  'Can you also tell me why the price went from $29 to $35 without notice?',
  "I'm using the latest version on Android 14, cache cleared.",
  'The light on the front blinks orange, then red, then nothing.',
  "Honestly I'm close to cancelling, this is the third time this year.",
  'Thanks for the quick answer! One more thing though:',
  "Yes, that's the one. The card ends in 4421.",
  "It worked for a day and now it's back to the same issue 😕",
];

export const AGENT_REPLIES = [
  "Thanks for reaching out, {name}! I'm sorry for the trouble with your {product}.",
  "I completely understand how frustrating that is, and I'm here to help.",
  "I've checked your account and I can see what happened: the payment was authorised twice, but only one charge will settle.",
  "Could you please confirm the postcode on the account so I can verify it's you?",
  "Here's what to try:\n1. Unplug the device for 30 seconds.\n2. Plug it back in and wait for a steady white light.\n3. Sign in again with your usual details.",
  "I've raised a ticket with our delivery partner; they usually reply within 48 hours, and I'll update you as soon as they do.",
  'The price change is part of our annual review, announced by e-mail on 1 March. I can switch you to a cheaper plan if you like.',
  "I've applied a €10 credit to your next bill as an apology ✅",
  'That error usually means the saved password is out of date. Please reset it at the "Forgot password" link and try again.',
  "Unfortunately I can't change the booking myself, but I've transferred you to the team that can — expect a call within the hour.",
  'Great news: the replacement has been dispatched and should arrive within 2–3 working days.',
  'Is there anything else I can help you with today?',
  'No problem at all, happy to help! Have a lovely day 😊',
  'Pour des raisons de sécurité, je ne peux pas afficher le numéro complet de la carte ici.',
  "I've added a note to your file so the next agent has the full history.",
];
