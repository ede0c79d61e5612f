// Validates an OpenAPI document with @apidevtools/swagger-parser (installed by
// tst_openapi_validate.sh from this folder's package-lock.json into the build tree).
// Usage: node validate.cjs <node_modules dir> <document.json | http://... URL>
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const modules = path.resolve(process.argv[2]);
const SwaggerParser = require(path.join(modules, '@apidevtools', 'swagger-parser'));
const version = require(path.join(modules, '@apidevtools', 'swagger-parser', 'package.json')).version;

function load(source) {
    if (!source.startsWith('http://'))
        return Promise.resolve(fs.readFileSync(source, 'utf8'));
    return new Promise((resolve, reject) => {
        http.get(source, (response) => {
            let body = '';
            response.setEncoding('utf8');
            response.on('data', (chunk) => { body += chunk; });
            response.on('end', () => response.statusCode === 200
                ? resolve(body) : reject(new Error(`GET ${source}: ${response.statusCode} ${body}`)));
        }).on('error', reject);
    });
}

(async () => {
    const document = JSON.parse(await load(process.argv[3]));
    if (!/^3\.1\./.test(document.openapi))
        throw new Error(`not an OpenAPI 3.1 document: openapi = ${document.openapi}`);
    // validate() checks the document against the OpenAPI 3.1 schema and resolves every $ref;
    // it changes the object it is given, so the counts are taken first.
    const operations = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    await SwaggerParser.validate(document);
    console.log(`valid OpenAPI ${document.openapi}: ${Object.keys(document.paths).length} paths, ` +
                `${operations} operations (swagger-parser ${version}, node ${process.version})`);
})().catch((error) => {
    console.error(`INVALID: ${error.message}`);
    process.exit(1);
});
