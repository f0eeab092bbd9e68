// The implicit usings of a `dotnet new console` project (Microsoft.NET.Sdk, ImplicitUsings enabled): given to the
// templates that say `// usings: console`.
global using global::System;
global using global::System.Collections.Generic;
global using global::System.IO;
global using global::System.Linq;
global using global::System.Net.Http;
global using global::System.Threading;
global using global::System.Threading.Tasks;
