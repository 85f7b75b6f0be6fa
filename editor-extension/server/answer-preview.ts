// POST /api/answer-preview: what the AI would see from a response with the fields picked so far, made
// by the nodes' own fields module (nodes/shared/response-fields: compileAnswer + pickFields), so the
// preview beside the field tree (issue 15) is exactly what the Response Field Picker answers.
// Nothing is stored or logged: the response comes from the browser's last test and goes back picked.
import {
	answerShapeOf,
	compileAnswer,
	fieldSpecs,
	pickFields,
	type FieldParameter,
} from '../../nodes/public';
import { answerPreviewBody } from '../shared/api';
import { HttpError, readJsonObject, sendJson } from './http';
import type { Router } from './router';
import { validBody } from './validate';

export function addAnswerPreviewRoute(router: Router) {
	router.add('POST', '/api/answer-preview', async ({ req, res }) => {
		const body = validBody(
			answerPreviewBody,
			await readJsonObject(req),
			'{"response": {...}, "fields": [{"pointer": "/total", "name": "Total"}], "typeVersion": 1.1}',
		);
		let picked;
		try {
			picked = pickFields(
				body.response,
				compileAnswer(
					fieldSpecs(body.fields as FieldParameter[]),
					answerShapeOf(body.answerShape, body.typeVersion),
				),
			);
		} catch (error) {
			throw new HttpError(
				400,
				(error as Error).message,
				'Fix the field named in the Parameters tab (pointer or display name).',
			);
		}
		sendJson(res, 200, { answer: picked.answer, fieldsUsed: picked.fieldsUsed });
	});
}
