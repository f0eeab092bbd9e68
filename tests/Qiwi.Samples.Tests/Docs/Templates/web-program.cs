// usings: web
// Template `web-program`: the snippet is a whole Program.cs of `dotnet new web -n Shop`, compiled as an executable
// with the packages Qiwi.AspNetCore and Qiwi.Extensions.DependencyInjection and the code generated from spec/qiwi-pull.yaml.
//<snippet>
