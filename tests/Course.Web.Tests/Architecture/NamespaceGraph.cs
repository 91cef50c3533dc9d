using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Course.Web.Tests.Architecture;

/// <summary>
/// Which namespace of an assembly uses which, read from the compiled IL: base types and interfaces, the
/// signatures of fields, methods and properties, and every type, method or field token in a method body
/// (calls, object creation, field access, typeof, casts, generic arguments). Compiler-made nested types
/// (lambdas, async state machines) count for the type that declares them. Attributes are not read.
/// </summary>
public sealed class NamespaceGraph
{
    /// <summary>Namespace → namespaces it uses → one example "Type uses Type" per edge.</summary>
    public Dictionary<string, Dictionary<string, string>> Edges { get; } = new(StringComparer.Ordinal);

    public static NamespaceGraph Of(string assemblyPath, string rootNamespace)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var graph = new NamespaceGraph();
        var walker = new Walker(reader, pe);
        foreach (var handle in reader.TypeDefinitions)
        {
            var from = walker.FullName(handle);
            if (!from.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var used in walker.Uses(handle))
            {
                if (used.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
                {
                    graph.Add(NamespaceOf(from), NamespaceOf(used), $"{from} uses {used}");
                }
            }
        }

        return graph;
    }

    private static string NamespaceOf(string fullName)
    {
        var dot = fullName.LastIndexOf('.');
        return dot < 0 ? "" : fullName[..dot];
    }

    private void Add(string from, string to, string example)
    {
        if (from == to)
        {
            return;
        }

        if (!Edges.TryGetValue(from, out var targets))
        {
            Edges[from] = targets = new(StringComparer.Ordinal);
        }

        targets.TryAdd(to, example);
    }

    // Nested types are listed among the assembly's type definitions too, each counted for its outermost type.
    private sealed class Walker(MetadataReader reader, PEReader pe) : ISignatureTypeProvider<string, object?>
    {
        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

        private readonly HashSet<string> found = new(StringComparer.Ordinal);

        /// <summary>The outermost declaring type's namespace and name (nested types have no namespace of their own).</summary>
        public string FullName(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var declaring = type.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return FullName(declaring);
            }

            var ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? reader.GetString(type.Name) : ns + "." + reader.GetString(type.Name);
        }

        private string FullName(TypeReferenceHandle handle)
        {
            var type = reader.GetTypeReference(handle);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return FullName((TypeReferenceHandle)type.ResolutionScope);
            }

            var ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? reader.GetString(type.Name) : ns + "." + reader.GetString(type.Name);
        }

        public IReadOnlyCollection<string> Uses(TypeDefinitionHandle handle)
        {
            found.Clear();
            var type = reader.GetTypeDefinition(handle);
            AddType(type.BaseType);
            foreach (var i in type.GetInterfaceImplementations())
            {
                AddType(reader.GetInterfaceImplementation(i).Interface);
            }

            foreach (var f in type.GetFields())
            {
                reader.GetFieldDefinition(f).DecodeSignature(this, null);
            }

            foreach (var p in type.GetProperties())
            {
                reader.GetPropertyDefinition(p).DecodeSignature(this, null);
            }

            foreach (var m in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(m);
                method.DecodeSignature(this, null);
                if (method.RelativeVirtualAddress != 0)
                {
                    Body(pe.GetMethodBody(method.RelativeVirtualAddress));
                }
            }

            return [.. found];
        }

        private void Body(MethodBodyBlock body)
        {
            if (!body.LocalSignature.IsNil)
            {
                reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
            }

            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE)
                {
                    value = (short)(0xFE00 | il.ReadByte());
                }

                var op = OpCodesByValue[value];
                switch (op.OperandType)
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.ReadByte();
                        break;
                    case OperandType.InlineVar:
                        il.ReadInt16();
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.ReadInt64();
                        break;
                    case OperandType.InlineSwitch:
                        var count = il.ReadInt32();
                        il.Offset += count * 4;
                        break;
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                        AddToken(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    default: // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                        il.ReadInt32();
                        break;
                }
            }
        }

        private void AddToken(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification:
                    AddType(handle);
                    break;
                case HandleKind.MethodDefinition:
                    var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                    found.Add(FullName(method.GetDeclaringType()));
                    method.DecodeSignature(this, null);
                    break;
                case HandleKind.FieldDefinition:
                    var field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                    found.Add(FullName(field.GetDeclaringType()));
                    field.DecodeSignature(this, null);
                    break;
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    AddType(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        member.DecodeMethodSignature(this, null);
                    }
                    else
                    {
                        member.DecodeFieldSignature(this, null);
                    }

                    break;
                case HandleKind.MethodSpecification:
                    var spec = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    AddToken(spec.Method);
                    spec.DecodeSignature(this, null);
                    break;
            }
        }

        private void AddType(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    found.Add(FullName((TypeDefinitionHandle)handle));
                    break;
                case HandleKind.TypeReference:
                    found.Add(FullName((TypeReferenceHandle)handle));
                    break;
                case HandleKind.TypeSpecification:
                    reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
                case HandleKind.MethodDefinition or HandleKind.ModuleReference:
                    break;
            }
        }

        // ISignatureTypeProvider: every named type met in a signature is recorded as used.
        public string GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) => Found(FullName(handle));
        public string GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) => Found(FullName(handle));
        public string GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            r.GetTypeSpecification(handle).DecodeSignature(this, context);
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetSZArrayType(string elementType) => elementType;
        public string GetArrayType(string elementType, ArrayShape shape) => elementType;
        public string GetByReferenceType(string elementType) => elementType;
        public string GetPointerType(string elementType) => elementType;
        public string GetPinnedType(string elementType) => elementType;
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType;
        public string GetGenericMethodParameter(object? context, int index) => "";
        public string GetGenericTypeParameter(object? context, int index) => "";
        public string GetFunctionPointerType(MethodSignature<string> signature) => "";
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        private string Found(string name)
        {
            found.Add(name);
            return name;
        }
    }
}
