/**
 * What a finished Azure OpenAI fine-tune needs before it can be called: a deployment, which Azure makes through its
 * management API (portal, CLI, ARM), not through the inference endpoint a connection talks to. Words for the user,
 * in one place.
 */

/** Days without calls after which Azure deletes a fine-tuned deployment. */
export const AZURE_IDLE_DEPLOYMENT_DAYS = 15;

export const AZURE_DEPLOYMENT_NOTE =
  'On Azure OpenAI a fine-tuned model must be deployed before it can be called, and deployments are made through ' +
  'Azure’s management API (the Azure AI Foundry portal, the Azure CLI or the ARM REST API), not through this ' +
  'connection. Copy the fine-tuned model name, then in the portal open Deployments → Deploy model → Deploy ' +
  'fine-tuned model, pick that model and name the deployment; calls then use the deployment name. ' +
  `A fine-tuned deployment that receives no calls for ${AZURE_IDLE_DEPLOYMENT_DAYS} days is deleted automatically, ` +
  'and every fine-tuned deployment is billed an hourly hosting fee for as long as it exists, called or not.';

/** The steps for one fine-tuned model, its name first so it can be copied. */
export function azureDeploymentSteps(fineTunedModel: string): string {
  return `Fine-tuned model: ${fineTunedModel}\n\n${AZURE_DEPLOYMENT_NOTE}`;
}
