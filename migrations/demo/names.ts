export const firstNames = [
  'José', 'María', 'Juan', 'Guadalupe', 'Luis', 'Sofía', 'Andrés', 'Ximena', 'Jesús', 'Valeria',
  'Miguel Ángel', 'Fernanda', 'Ramón', 'Daniela', 'Héctor', 'Camila', 'Raúl', 'Renata', 'Iván',
  'Mónica', 'Óscar', 'Lucía', 'Sebastián', 'Regina', 'Martín', 'Paulina', 'Efraín', 'Inés',
];

export const lastNames = [
  'Pérez', 'Hernández', 'García', 'Martínez', 'López', 'González', 'Rodríguez', 'Sánchez',
  'Ramírez', 'Cruz', 'Gómez', 'Flores', 'Morales', 'Vázquez', 'Jiménez', 'Reyes', 'Díaz',
  'Gutiérrez', 'Ruiz', 'Núñez', 'Ortiz', 'Castañeda', 'Ibáñez', 'Muñoz', 'Álvarez', 'Peña',
];
