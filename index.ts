// Every node and credential class of the package (n8n itself loads them from the `n8n` field of package.json).
export { FinTrigger } from './nodes/FinTrigger/FinTrigger.node';
export { AudienceFilter } from './nodes/AudienceFilter/AudienceFilter.node';
export { ApiAction } from './nodes/ApiAction/ApiAction.node';
export { ResponseFieldPicker } from './nodes/ResponseFieldPicker/ResponseFieldPicker.node';
export { FinAgentReply } from './nodes/AgentReply/FinAgentReply.node';
export { FinFixedTokenApi } from './credentials/FinFixedTokenApi.credentials';
export { FinDynamicTokenApi } from './credentials/FinDynamicTokenApi.credentials';
export { FinMessengerApi } from './credentials/FinMessengerApi.credentials';
