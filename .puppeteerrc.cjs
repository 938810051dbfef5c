// puppeteer-core never downloads a browser; this only tells it which Chromium to use.
const { existsSync } = require('node:fs');

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

module.exports = {
  skipDownload: true,
  executablePath: candidates.find((path) => path && existsSync(path)),
};
