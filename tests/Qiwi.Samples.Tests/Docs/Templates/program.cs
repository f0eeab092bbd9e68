// usings: console
// Template `program`: the snippet is a whole Program.cs of `dotnet new console -n Shop`, compiled as an
// executable with the code generated from spec/qiwi-pull.yaml.
//<snippet>
