// Phrase pools for synthetic Twitter customer-support threads in the shape of Kaggle's twcs.csv.

export const BRANDS = [
  'AppleSupport',
  'AmazonHelp',
  'Uber_Support',
  'SpotifyCares',
  'Delta',
  'Tesco',
  'comcastcares',
  'British_Airways',
  'VirginTrains',
  'sprintcare',
  'AskPlayStation',
  'XboxSupport',
];

export const CUSTOMER_TWEETS = [
  'my phone keeps restarting after the update, what do I do?',
  'been on hold for 45 minutes, is anyone actually working today??',
  'why was I charged $12.99 twice this month',
  'the app crashes every time I open "Library", help 😩',
  "my order was supposed to arrive yesterday, tracking hasn't moved since Monday",
  'flight delayed again, will I make my connection in Atlanta?',
  'Wi-Fi down in the whole building, any outage near 10001?',
  "still waiting on that refund, it's been 2 weeks",
  'thanks, that fixed it! 🙌',
  'no, that didn\'t work. same error, "code 1004"',
  'I DMed you my account number, please check',
  'ok, done. what next?',
  'why does the download stop at 99%, every single time',
  'train cancelled, no announcement, great job 🙃',
  'hola, ¿tienen servicio en Monterrey? mi cuenta no funciona',
];

export const BRAND_TWEETS = [
  "We're sorry to hear that! Can you DM us your account email so we can take a closer look?",
  'Thanks for reaching out. Which version of the app are you using, and on what device?',
  "That's not the experience we want for you. Let's get this sorted, send us a DM with your order number.",
  'Please try restarting the device and reinstalling the app, then let us know if it persists.',
  "We've checked and there is a known issue in your area; engineers are on it, ETA 6pm.",
  "Glad to hear it's working now! Anything else we can help with today?",
  "Refunds take 5–7 business days to reach your card, but we've chased it for you.",
  "Sorry for the delay, we're seeing high volumes. Could you follow and DM us so we can look into it?",
  "We've passed this on to the team, and someone will be in touch within 24 hours.",
  "Here's a guide that should help:",
];

export const SIGNOFFS = [' ^RR', ' -AB', ' *TS', ' ~KM', ' /JN', ' -Sam', ' ^JK'];

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
