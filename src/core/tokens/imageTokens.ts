/**
 * Token estimates for images in message content. OpenAI's vision guide ("Calculating costs",
 * https://platform.openai.com/docs/guides/images-vision#calculating-costs, GPT-4o family) charges a `low` detail
 * image 85 tokens, and a `high` detail image 85 + 170 per 512-pixel tile after scaling it to fit 2048×2048 and then
 * its short side to 768. We do not download or decode images, so `high` (and `auto`, which picks `high` for all but
 * tiny images) assumes a 1024×1024 picture: scaled to 768×768, that is 4 tiles, 85 + 4 × 170 = 765 tokens.
 */
export const LOW_DETAIL_IMAGE_TOKENS = 85;
export const HIGH_DETAIL_IMAGE_TOKENS = 85 + 4 * 170;

/** The estimate for one image with the given `detail` setting (undefined means `auto`). */
export function imageTokenEstimate(detail: unknown): number {
  return detail === 'low' ? LOW_DETAIL_IMAGE_TOKENS : HIGH_DETAIL_IMAGE_TOKENS;
}
