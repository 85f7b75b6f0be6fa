// What the canvas page may use of the nodes. Nothing here reaches a Node built-in: the page's
// bundle is built from these modules (node:crypto lives in ./index only).
export { compilePointer, parsePointer, resolvePointer } from '../shared/json-pointer';
export { buildRequest, type RequestTemplate } from '../ApiAction/request-builder';
export {
	ACTION_TEMPLATES,
	templateFieldParameter,
	templateRequest,
} from '../ApiAction/action-templates';
